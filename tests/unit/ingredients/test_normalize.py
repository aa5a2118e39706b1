"""Canonical names: CosIng, curated synonyms, CosDNA cross-check, fuzzy matching."""

from __future__ import annotations

import pytest

from milia.ingredients.keys import lookup_key, spaced_key
from milia.ingredients.normalize import FUZZY_THRESHOLD, Lexicon, lexicon


@pytest.mark.parametrize(
    ("written", "inci"),
    [
        ("Aqua/Water/Eau", "AQUA"),
        ("Water\\Aqua\\Eau", "AQUA"),
        ("Water (Aqua, Eau)", "AQUA"),
        ("eau", "AQUA"),
        ("Mineral Oil", "PARAFFINUM LIQUIDUM"),
        ("Paraffinum Liquidum (Mineral Oil)", "PARAFFINUM LIQUIDUM"),
        ("White Petrolatum", "PETROLATUM"),
        ("Vitamin E", "TOCOPHEROL"),
        ("Shea Butter", "BUTYROSPERMUM PARKII BUTTER"),
        ("Butyrospermum Parkii (Shea) Butter", "BUTYROSPERMUM PARKII BUTTER"),
        ("Caprylic/Capric Triglyceride", "CAPRYLIC/CAPRIC TRIGLYCERIDE"),
        ("caprylic/ capric triglyceride", "CAPRYLIC/CAPRIC TRIGLYCERIDE"),
        ("1,2-Hexanediol", "1,2-HEXANEDIOL"),
        ("Peg- 100 Stearate", "PEG-100 STEARATE"),
        ("ethylhexyl glycerin", "ETHYLHEXYLGLYCERIN"),
        ("Parfum/Fragrance", "PARFUM"),
        ("Fragrance (Parfum)", "PARFUM"),
        ("Titanium Dioxide [Nano]", "TITANIUM DIOXIDE"),
        ("Red 33 (CI 17200)", "CI 17200"),
        ("Cetostearyl Alcohol", "CETEARYL ALCOHOL"),
        ("Octinoxate", "ETHYLHEXYL METHOXYCINNAMATE"),
        ("Vitamin A Palmitate", "RETINYL PALMITATE"),
        ("Unrefined Organic Argan Oil", "ARGANIA SPINOSA KERNEL OIL"),
    ],
)
def test_names_map_to_canonical_inci(written: str, inci: str) -> None:
    match = lexicon().resolve(written)
    assert match.inci == inci
    assert match.recognized
    assert match.method != "fuzzy"


@pytest.mark.parametrize(
    ("typo", "inci"),
    [
        ("dimethicon", "DIMETHICONE"),
        ("arganine", "ARGININE"),
        ("cetearyl alchol", "CETEARYL ALCOHOL"),
        ("cerbomer", "CARBOMER"),
    ],
)
def test_typos_are_fuzzy_matched_with_their_score(typo: str, inci: str) -> None:
    match = lexicon().resolve(typo)
    assert match.method == "fuzzy"
    assert match.inci == inci and match.candidate == inci
    assert FUZZY_THRESHOLD <= match.score < 100.0


def test_fuzzy_never_changes_numbers() -> None:
    match = lexicon().resolve("PEG-16 Lanolin")
    assert match.inci != "PEG-60 LANOLIN"
    assert lexicon().resolve("Laureth-5").inci in (None, "LAURETH-5")


def test_unknown_words_are_not_recognised_but_report_the_best_candidate() -> None:
    match = lexicon().resolve("Glycerol Snail Unicorn Tears")
    assert match.inci is None and not match.recognized
    assert match.method in ("fuzzy", "none")
    assert match.score < FUZZY_THRESHOLD


def test_exact_names_beat_fuzzy_and_fuzzy_can_be_switched_off() -> None:
    assert lexicon().resolve("Glycerin").method == "exact"
    assert lexicon().resolve("dimethicon", fuzzy=False).inci is None


def test_curated_synonyms_win_over_the_generated_tables() -> None:
    # CosIng lists both WATER and AQUA; the curated table makes AQUA canonical.
    assert lexicon().resolve("Water").inci == "AQUA"


def test_split_run_on_only_when_every_part_is_known() -> None:
    lex = lexicon()
    assert lex.split_run_on("Water Glycerin") == (("Water", "AQUA"), ("Glycerin", "GLYCERIN"))
    assert lex.split_run_on("Water Hyacinth Unicorn") is None
    assert lex.split_run_on("Glycerin") is None


def test_lexicon_on_a_tiny_table() -> None:
    lex = Lexicon(["GLYCERIN", "DIMETHICONE"], {"glycerol": "GLYCERIN"}, {"pdms": "DIMETHICONE"})
    assert lex.resolve("Glycerol").method == "synonym"
    assert lex.resolve("PDMS").inci == "DIMETHICONE"
    assert lex.canonical("glycerin") == "GLYCERIN"
    assert lex.resolve("").inci is None


def test_keys() -> None:
    assert lookup_key("Crème") == "CREME"
    assert lookup_key("C12-15 Alkyl Benzoate") == lookup_key("c12 15 alkyl-benzoate")
    assert spaced_key("  a//b  ") == "A B"


def test_slash_lists_versus_slash_names() -> None:
    lex = lexicon()
    assert lex.resolve("Water/Glycerin/Petrolatum").inci is None  # a list, split later
    assert lex.split_run_on("Water/Glycerin/Petrolatum") == (
        ("Water", "AQUA"),
        ("Glycerin", "GLYCERIN"),
        ("Petrolatum", "PETROLATUM"),
    )
    assert lex.resolve("Aqua/Water/Eau").inci == "AQUA"
    assert lex.resolve("Titanium Dioxide/CI 77891").inci == "TITANIUM DIOXIDE"
    assert lex.resolve("Cera Alba/Beeswax").inci == "CERA ALBA"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        # a different species is not a typo (SIDERITIS SYRIACA); the one CosIng
        # name with a plant part added is the completion
        ("sideritis scardica extract", "SIDERITIS SCARDICA FLOWER/LEAF/STEM EXTRACT"),
        ("sideritis syriaca extract", "SIDERITIS SYRIACA EXTRACT"),  # exact
        ("phenyl ethyl alcohol", "PHENETHYL ALCOHOL"),  # spacing typo
        ("urticadioicia (nettle) leaf extract", "URTICA DIOICA LEAF EXTRACT"),  # space + typo
        # three letters apart, spaces aside: another word, not a spacing typo
        ("sodium acryloyldimethyl taurate copolymer", None),  # not ...TAURATE CROSSPOLYMER
        # a real word of another INCI name is no typo: a different chemical
        ("butylene", None),  # not BUTENE
        ("phytosteryl", None),  # not PHYTOSTEROLS
        ("citronella", None),  # not CITRONELLAL
        ("neopentyl glycol dicaprylate", None),  # not ... DICAPRATE
        # the curated INCI rename (PVP -> VP), never the fuzzy PVP/DECENE COPOLYMER
        ("pvp/hexadecene copolymer", "VP/HEXADECENE COPOLYMER"),
        # but a spelling CosIng keeps elsewhere is still a typo
        ("gardenia tahitensis flower extract", "GARDENIA TAITENSIS FLOWER EXTRACT"),
        ("dimethicon", "DIMETHICONE"),
    ],
)
def test_fuzzy_accepts_typos_not_other_names(written: str, expected: str | None) -> None:
    assert lexicon().resolve(written).inci == expected


def test_truncated_names_are_ambiguous_or_partial_guesses() -> None:
    match = lexicon().resolve("vitis vinifera extract")  # bud, fruit, leaf, seed...?
    assert match.method == "ambiguous" and match.inci is None
    assert all(c.startswith("VITIS VINIFERA") for c in match.candidates)
    guess = lexicon().resolve("pseudoalteromonas extract")  # one name, but a word missing
    assert guess.method == "fuzzy" and guess.partial
    assert guess.inci == "PSEUDOALTEROMONAS FERMENT EXTRACT"
    assert not lexicon().resolve("dimethicon").partial


@pytest.mark.parametrize(
    ("written", "inci"),
    [
        ("Lysine HCI", "LYSINE HCL"),  # a capital I for the l of HCl
        ("Pyridoxine HCl", "PYRIDOXINE HCL"),
        ("Glucosamine hci", "GLUCOSAMINE HCL"),
    ],
)
def test_hcl_written_with_a_capital_i(written: str, inci: str) -> None:
    assert lookup_key(written) == lookup_key(inci)
    assert lexicon().resolve(written).inci == inci


def test_hci_inside_a_word_is_left_alone() -> None:
    assert "HCL" not in spaced_key("Chcimoline")  # only the word HCI is folded


def test_prepare_builds_the_lazy_indexes_without_changing_answers() -> None:
    lex = lexicon()
    before = lex.resolve("pogostemon cablin oil")
    lex.prepare()
    assert lex.resolve("pogostemon cablin oil") == before


def test_british_aluminium_is_read_as_cosings_aluminum() -> None:
    match = lexicon().resolve("Aluminium Starch Octenylsuccinate")
    assert (match.inci, match.method) == ("ALUMINUM STARCH OCTENYLSUCCINATE", "exact")


@pytest.mark.parametrize(
    ("written", "inci"),
    [
        ("lsododecane", "ISODODECANE"),
        ("Lsopropyl Myristate", "ISOPROPYL MYRISTATE"),
        ("Iactic acid", "LACTIC ACID"),
        ("llex paraguariensis (paraguay tea) leaf extract", "ILEX PARAGUARIENSIS LEAF EXTRACT"),
    ],
)
def test_a_leading_l_i_ocr_swap_is_a_typo_with_its_score(written: str, inci: str) -> None:
    match = lexicon().resolve(written)
    assert (match.inci, match.method, match.candidate) == (inci, "fuzzy", inci)
    assert 85.0 <= match.score < 100.0


def test_a_real_name_is_never_swapped() -> None:
    assert lexicon().resolve("Lanolin").method == "exact"
    assert lexicon().resolve("Isododecane").method == "exact"


@pytest.mark.parametrize(
    ("written", "inci"),
    [
        ("PVP/Hexadecene Copolymer", "VP/HEXADECENE COPOLYMER"),  # the INCI rename PVP -> VP
        ("Zizyphus Jujuba Fruit Extract", "ZIZIPHUS JUJUBA FRUIT EXTRACT"),  # CosIng's 2 spellings
        ("Ziziphus Jujuba Fruit Extract", "ZIZIPHUS JUJUBA FRUIT EXTRACT"),
    ],
)
def test_renamed_and_respelled_names_map_to_one_name(written: str, inci: str) -> None:
    found = lexicon().resolve(written, fuzzy=False)
    assert found.inci == inci and found.method in ("exact", "synonym")


@pytest.mark.parametrize("vague", ["dimethicone copolyol", "copolymer", "extract"])
def test_vague_names_stay_unmapped(vague: str) -> None:
    # several CosIng names fit each; none is picked. ("sandalwood" is the plant,
    # SANTALUM ALBUM, a CosIng name of its own: as specific as the label.)
    assert lexicon().resolve(vague).inci is None


@pytest.mark.parametrize(
    "written", ["100% Argania Spinosa Kernel Oil", "100 % argania spinosa kernel oil"]
)
def test_a_leading_100_percent_is_a_qualifier(written: str) -> None:
    found = lexicon().resolve(written, fuzzy=False)
    assert (found.inci, found.method) == ("ARGANIA SPINOSA KERNEL OIL", "variant")


@pytest.mark.parametrize(
    ("written", "inci"),
    [
        # a ligature lost in a PDF copy: ffi, ff
        ("Calendula O_cinalis Flower Extract", "CALENDULA OFFICINALIS FLOWER EXTRACT"),
        ("Paeonia Su_ruticosa Root Extract", "PAEONIA SUFFRUTICOSA ROOT EXTRACT"),
        # the species epithet in another Latin gender (-us/-a/-um, -is/-e)
        ("Salvia Officinale Leaf Extract", "SALVIA OFFICINALIS LEAF EXTRACT"),
        ("Lavandula Angustifolius Oil", "LAVANDULA ANGUSTIFOLIA OIL"),
        ("Olea Europaeus Fruit Oil", "OLEA EUROPAEA FRUIT OIL"),
        # "rn" read as "m" and back (OCR)
        ("Rnorinda Citrifolia Fruit Extract", "MORINDA CITRIFOLIA FRUIT EXTRACT"),
        ("Lirnonene", "LIMONENE"),
        # a lost first letter
        ("ydrogenated Castor Oil", "HYDROGENATED CASTOR OIL"),
        ("utylene Glycol", "BUTYLENE GLYCOL"),
        ("lcohol denat", "ALCOHOL DENAT."),
        # the last word in the other number
        ("Hydrogenated Polyisobutenes", "HYDROGENATED POLYISOBUTENE"),
        ("Rice Amino Acid", "RICE AMINO ACIDS"),
        # a typo of a synonym is judged against the synonym, not its INCI name
        ("candelila wax", "EUPHORBIA CERIFERA CERA"),
    ],
)
def test_damaged_names_are_repaired_as_typos_with_their_score(written: str, inci: str) -> None:
    match = lexicon().resolve(written)
    assert (match.inci, match.method, match.candidate) == (inci, "fuzzy", inci)
    assert 0.0 < match.score < 100.0 and not match.partial


@pytest.mark.parametrize(
    "written",
    [
        "mallow",  # MALLOW is an INCI word: not TALLOW with its first letter lost
        "aster maritima extract",  # no gender of "maritima" is an Aster in CosIng
    ],
)
def test_repairs_never_turn_a_word_into_another_name(written: str) -> None:
    assert lexicon().resolve(written).inci is None


@pytest.mark.parametrize(
    ("written", "inci"),
    [
        # US "wax" for CosIng's Latin "cera"
        ("Elaeis Guineensis Kernel Wax", "ELAEIS GUINEENSIS KERNEL CERA"),
        ("Hordeum Vulgare Wax", "HORDEUM VULGARE CERA"),
        # an English genus before the Latin epithet, where CosIng has the Latin name
        ("Rose Canina Fruit Oil", "ROSA CANINA FRUIT OIL"),
        ("Coffee Arabica Seed Oil", "COFFEA ARABICA SEED OIL"),
        ("Pistachio Vera Seed Oil", "PISTACIA VERA SEED OIL"),
        # British -ised, -ized in CosIng
        ("Stabilised Ascorbic Acid", "ASCORBIC ACID"),
        # a qualifier before a name whose bracketed form is a synonym
        ("Organic Butyrospermum Parkii (Shea) Butter", "BUTYROSPERMUM PARKII BUTTER"),
        # a run of words printed twice around a bracketed common name
        (
            "Calendula Officinalis Flower Extract (Marigold) Flower Extract",
            "CALENDULA OFFICINALIS FLOWER EXTRACT",
        ),
        # "100 percent" and "<source>-derived" are qualifiers like "100%" and "plant-derived"
        ("100 Percent Olive-Derived Squalane", "SQUALANE"),
        # esters of polyglycerin-N: CosIng's POLYGLYCERYL-N ESTERS
        ("Argan Oil Polyglycerin-6 Esters", "ARGAN OIL POLYGLYCERYL-6 ESTERS"),
    ],
)
def test_label_wording_is_read_as_cosing_wording(written: str, inci: str) -> None:
    found = lexicon().resolve(written, fuzzy=False)
    assert (found.inci, found.method) == (inci, "variant")


@pytest.mark.parametrize(
    ("written", "inci"),
    [
        ("Ozonised Olive Oil", "OZONIZED OLIVE OIL"),
        ("Oxidised Glutathione", "OXIDIZED GLUTATHIONE"),
    ],
)
def test_british_ised_is_cosings_ized(written: str, inci: str) -> None:
    assert lookup_key(written) == lookup_key(inci)
    assert lexicon().resolve(written, fuzzy=False).method == "exact"


def test_rose_is_rosa_only_before_a_latin_epithet() -> None:
    assert lexicon().resolve("Rose Hip Oil", fuzzy=False).inci is None  # no ROSA HIP OIL


@pytest.mark.parametrize(
    ("written", "inci"),
    [
        ("Propylene Glycol Dicoco-Caprylate", "PROPYLENE GLYCOL DICAPRATE"),
        ("Polyglyceryl-4 Coco-Caprylate", "POLYGLYCERYL-4 CAPRATE"),
        ("Dipentaerythrityl Hexacaprylate/Hexacoco-Caprylate",
         "DIPENTAERYTHRITYL HEXACAPRYLATE/HEXACAPRATE"),
        ("Coco-Caprylate", "COCO-CAPRYLATE"),  # a CosIng name: left as written
    ],
)  # fmt: skip
def test_shop_data_caprate_rewrites_are_read_back(written: str, inci: str) -> None:
    assert lexicon().resolve(written, fuzzy=False).inci == inci


def test_no_caprate_rewrite_is_guessed_beyond_the_table() -> None:
    # POLYGLYCERYL-3 CAPRATE exists, but no data set at hand wrote it this way
    assert lexicon().resolve("Polyglyceryl-3 Coco-Caprylate", fuzzy=False).inci is None


@pytest.mark.parametrize(
    ("written", "inci"),
    [
        ("Glycylglycine", "GLYCYL GLYCINE"),
        (
            "Sodium Acrylates/Acrylonitrogens Copolymer",
            "SODIUM ACRYLATES/ACRYLONITROGENS COPOLYMER",
        ),
    ],
)
def test_names_outside_cosing_keep_their_documented_name(written: str, inci: str) -> None:
    found = lexicon().resolve(written, fuzzy=False)
    assert found.inci == inci and found.method in ("exact", "synonym")


@pytest.mark.parametrize(
    ("written", "inci"),
    [
        # the words after the bracket name the part and preparation: never the bracket's
        # common name alone (LAVANDULA ANGUSTIFOLIA OIL for "lavender")
        ("Lavandula Angustifolia (Lavender) Flowr Water", "LAVANDULA ANGUSTIFOLIA FLOWER WATER"),
        ("Butyrospermum Parkii (Shea Butter) Unsaponifiables",
         "BUTYROSPERMUM PARKII BUTTER UNSAPONIFIABLES"),
        # a bracket that is the whole rest of the name still names the same thing
        ("Water (Aqua)", "AQUA"),
        ("Green 5 (CI 61570)", "CI 61570"),
        # shea butter is the fat of the shea nut
        ("Butyrospermum Parkii (Shea) Nut Butter", "BUTYROSPERMUM PARKII BUTTER"),
        ("Shea Nut Butter", "BUTYROSPERMUM PARKII BUTTER"),
    ],
)  # fmt: skip
def test_a_bracketed_common_name_never_overrides_the_words_after_it(
    written: str, inci: str
) -> None:
    assert lexicon().resolve(written).inci == inci


def test_a_bracketed_common_name_with_an_unknown_preparation_is_not_its_oil() -> None:
    assert lexicon().resolve("Mentha Piperita (Peppermint) Stem Juice").inci is None
    assert lexicon().resolve("Lavandula Angustifolia (Lavender) Stem Juice").inci != (
        "LAVANDULA ANGUSTIFOLIA OIL"
    )


def test_a_variety_is_read_as_inci_writes_it() -> None:
    found = lexicon().resolve("Citrus Aurantium var. Amara Flower Water", fuzzy=False)
    assert found.inci == "CITRUS AURANTIUM AMARA FLOWER WATER"


@pytest.mark.parametrize(
    ("written", "inci"),
    [
        # a typo in a slashed chemical name: the whole name, never one of its "/" parts
        ("Dimethicone/PEG-10/15 Crosspolimer", "DIMETHICONE/PEG-10/15 CROSSPOLYMER"),
        ("Glyceryl Behenate/Eicosadioat", "GLYCERYL BEHENATE/EICOSADIOATE"),
    ],
)
def test_one_slash_part_is_never_taken_for_a_slashed_name(written: str, inci: str) -> None:
    for fuzzy in (False, True):
        found = lexicon().resolve(written, fuzzy=fuzzy)
        assert (found.inci, found.method) == (inci, "fuzzy")


def test_naming_variants_with_a_slash_still_map_to_their_name() -> None:
    assert lexicon().resolve("Parfum/Fragrance", fuzzy=False).inci == "PARFUM"
    assert lexicon().resolve("Hordeum Vulgare Extract/Extrait D'Orge").inci == (
        "HORDEUM VULGARE EXTRACT"
    )


def test_one_repeated_word_is_not_collapsed() -> None:
    # a run-on "... Dimethicone Dimethicone Crosspolymer" is two names, split later
    assert lexicon().resolve("Dimethicone Dimethicone Crosspolymer", fuzzy=False).inci is None


@pytest.mark.parametrize(
    ("written", "piece"),
    [
        # the last part names what all parts make together (a ferment, a copolymer)
        ("Bacillus/Oat/Honey Ferment Filtrate", "BACILLUS"),
        ("Polymethylsilsesquioxane/Glycerin Copolymer", "POLYMETHYLSILSESQUIOXANE"),
        # a later part begins with a number: PEG/PPG-n/m
        ("Bis-PEG/PPG-20/20 Dimethicon", "PPG-20"),
        # a later part is a lone chemical ending, no name by itself
        ("Isopropyl Myristate/Heptanoate", "ISOPROPYL MYRISTATE"),
        # the text begins slashed CosIng names: a cut name, never its monomer
        ("Acrylamide/Sodium", "ACRYLAMIDE"),
        ("Acrylamide/Sodium Ammonium Acryloyldimethyltaurate/VP", "ACRYLAMIDE"),
    ],
)
def test_a_piece_of_one_slashed_name_is_never_read_as_the_name(written: str, piece: str) -> None:
    for fuzzy in (False, True):
        assert lexicon().resolve(written, fuzzy=fuzzy).inci != piece
    assert lexicon().canonical(piece) == piece  # the piece is a name of its own


def test_a_cut_slashed_name_that_fits_several_names_stays_ambiguous() -> None:
    found = lexicon().resolve("Acrylamide/Sodium")
    assert found.method == "ambiguous"
    assert "ACRYLAMIDE/SODIUM ACRYLATE COPOLYMER" in found.candidates


@pytest.mark.parametrize(
    ("written", "inci"),
    [
        ("VP/VA", "VP/VA COPOLYMER"),
        ("VP/Eicosene", "VP/EICOSENE COPOLYMER"),
        ("Acrylates/Dimethicone", "ACRYLATES/DIMETHICONE COPOLYMER"),
        ("Styrene/Acrylates", "STYRENE/ACRYLATES COPOLYMER"),
        ("Acrylates/C10-30 Alkyl Acrylate", "ACRYLATES/C10-30 ALKYL ACRYLATE CROSSPOLYMER"),
    ],
)
def test_a_slashed_monomer_list_without_its_class_word_is_completed(
    written: str, inci: str
) -> None:
    found = lexicon().resolve(written)
    assert (found.inci, found.method) == (inci, "completion")


def test_the_class_word_is_added_only_to_a_name_written_with_slashes() -> None:
    # two items joined by a space are not a monomer list as written
    assert lexicon().resolve("Butylene Ethylene").inci is None


@pytest.mark.parametrize(
    ("written", "inci"),
    [
        ("Mel/Honey/Miel", "HONEY"),
        ("Sea Salt/Maris Sal", "MARIS SAL"),
        ("Cera Alba/Beeswax/Cire d'Abeille", "CERA ALBA"),
        ("Paraffinum Liquidum/Mineral Oil/Huile Minerale", "PARAFFINUM LIQUIDUM"),
    ],
)
def test_alternative_names_with_slashes_still_map(written: str, inci: str) -> None:
    assert lexicon().resolve(written, fuzzy=False).inci == inci


@pytest.mark.parametrize(
    ("written", "inci"),
    [
        ("Iron Oxide (CI 77492)", "CI 77492"),  # yellow; "iron oxide" alone is read as red
        ("Iron Oxides (CI 77499)", "CI 77499"),
        ("Ferric Oxide (CI 77491)", "CI 77491"),
    ],
)
def test_a_bracketed_colour_index_number_names_the_colorant(written: str, inci: str) -> None:
    assert lexicon().resolve(written).inci == inci


def test_a_fermented_blend_is_not_its_first_organism() -> None:
    assert lexicon().resolve("Yeast/Fermented Rice Extract").inci != "YEAST"


@pytest.mark.parametrize(
    ("written", "inci"),
    [("Neroli", "CITRUS AURANTIUM AMARA FLOWER OIL"), ("Sandalwood", "SANTALUM ALBUM")],
)
def test_common_names_of_plant_materials(written: str, inci: str) -> None:
    # "neroli" was fuzzy-matched to NEROL, a terpene alcohol
    assert lexicon().resolve(written).inci == inci


@pytest.mark.parametrize(
    ("written", "typo_of"),
    [("deoxyadenosine", "DEOXYGUANOSINE")],  # holds ADENOSINE, the match GUANOSINE
)
def test_a_word_holding_another_name_is_no_typo(written: str, typo_of: str) -> None:
    assert lexicon().resolve(written).inci != typo_of


def test_a_typo_that_merely_contains_another_name_is_still_a_typo() -> None:
    found = lexicon().resolve("chlorophenesin")  # holds CHLOROPHENE; the match holds none
    assert (found.inci, found.method) == ("CHLORPHENESIN", "fuzzy")


@pytest.mark.parametrize(
    ("written", "inci"),
    [
        ("Lotus Flower Extract", "NELUMBO NUCIFERA FLOWER EXTRACT"),
        ("Clary Sage Oil", "SALVIA SCLAREA OIL"),  # the two-word name before "sage"
        ("Organic Dandelion Root Extract", "TARAXACUM OFFICINALE ROOT EXTRACT"),
        ("Yarrow Extract", "ACHILLEA MILLEFOLIUM EXTRACT"),
    ],
)
def test_a_common_plant_name_with_part_and_preparation_reads_as_its_binomial(
    written: str, inci: str
) -> None:
    assert lexicon().resolve(written).inci == inci


@pytest.mark.parametrize(
    "written",
    [
        "Wild Thyme Extract",  # Thymus serpyllum, not THYMUS VULGARIS
        "Lemon Verbena Extract",  # Aloysia citrodora: "verbena" is no plant part
    ],
)
def test_a_common_name_is_not_read_with_other_words(written: str) -> None:
    found = lexicon().resolve(written)
    assert found.inci is None or not found.inci.startswith(("THYMUS VULGARIS", "CITRUS LIMON"))


def test_a_run_on_is_never_split_into_a_piece_read_from_a_common_name() -> None:
    # rose apple is Syzygium jambos: not ROSE and "apple leaf extract"
    assert lexicon().split_run_on("Rose Apple Leaf Extract") is None


@pytest.mark.parametrize(
    ("written", "inci"),
    [
        # the same "/" components in another order than CosIng's, with the same tail
        (
            "Bacillus/Soybean/ Folic Acid Ferment Extract",
            "BACILLUS/FOLIC ACID/SOYBEAN FERMENT EXTRACT",
        ),
        (
            "C10-30 Alkyl Acrylate/Acrylates Crosspolymer",
            "ACRYLATES/C10-30 ALKYL ACRYLATE CROSSPOLYMER",
        ),
        # one ingredient named twice, Latin then English, joined by " - "
        (
            "Melaleuca Alternifolia Flower/Leaf/Stem Extract - Tea Tree Flower/Leaf/Stem Extract",
            "MELALEUCA ALTERNIFOLIA FLOWER/LEAF/STEM EXTRACT",
        ),
    ],
)
def test_a_name_read_as_cosing_writes_it(written: str, inci: str) -> None:
    match = lexicon().resolve(written)
    assert (match.inci, match.method) == (inci, "variant")


@pytest.mark.parametrize(
    "written",
    [
        "Bacillus/Soybean Ferment Filtrate Lysate",  # a tail CosIng has with no such set
        "Bacillus/Folic Acid/Soybean/Rice Ferment Extract",  # one component more
        "Glycerin - Petrolatum",  # two different names
        "Glycerin - Zqxv Blorf",  # one half unknown
    ],
)
def test_a_reordered_or_doubled_name_must_match_exactly(written: str) -> None:
    assert lexicon().resolve(written, fuzzy=False).inci is None


@pytest.mark.parametrize(
    ("written", "inci"),
    [
        ("Aluminum Powder", "CI 77000"),
        ("Copper Powder", "CI 77400"),
        ("Gold Leaf (Edible)", "GOLD"),
        ("Cellulose Powder", "CELLULOSE"),
        ("Nelumbium Nucifera Flower Extract", "NELUMBO NUCIFERA FLOWER EXTRACT"),
        ("Aluminum Oxide", "ALUMINA"),
        ("Fumed Silica", "SILICA"),
        ("Synthetic Cera Alba", "SYNTHETIC BEESWAX"),
        ("Hydrogenated Olea Europaea Fruit Oil", "HYDROGENATED OLIVE OIL"),
        ("Lentinula Edodes (Shiitake Mushroom) Extract", "LENTINUS EDODES EXTRACT"),
        ("Bacillus/Maris Sal Ferment Filtrate", "BACILLUS/SEA SALT FERMENT FILTRATE"),
        ("Saccharomyces/Mel Ferment Filtrate", "SACCHAROMYCES/HONEY FERMENT FILTRATE"),
        ("Tangerine Leaf Oil", "CITRUS RETICULATA LEAF OIL"),
        ("bis-peg/ppg-16/16 dimethicon", "BIS-PEG/PPG-16/16 PEG/PPG-16/16 DIMETHICONE"),
        (
            "pentaerythrityl adipate/coco-caprylate/caprylate/heptanoate",
            "PENTAERYTHRITYL ADIPATE/CAPRATE/CAPRYLATE/HEPTANOATE",
        ),
    ],
)
def test_names_from_the_corpora_map_by_cited_synonyms(written: str, inci: str) -> None:
    assert lexicon().resolve(written).inci == inci
