"""The vocabulary of the case format (contract version 1).

Keys and values of ``../shared/spec/case-format.md``. The project may add
findings and values but never renames or drops these.
"""

from __future__ import annotations

__all__ = [
    "ALIASES",
    "BOOLEAN_FIELDS",
    "CATEGORICAL_FIELDS",
    "FIELDS",
    "LESION_FIELDS",
    "LIST_FIELDS",
    "NO_GUESS",
    "NUMERIC_FIELDS",
]

CATEGORICAL_FIELDS: dict[str, tuple[str, ...]] = {
    "sex": ("female", "male", "other"),
    "color": (
        "white",
        "yellow",
        "skin_colored",
        "pearly_translucent",
        "red",
        "pink",
        "brown",
        "clear",
        "amber",
    ),
    "surface": (
        "smooth_dome",
        "umbilicated",
        "central_pore",
        "flat_topped",
        "rough",
        "crusted",
        "waxy",
        "vesicle",
        "pustule",
    ),
    "consistency": ("firm", "soft", "fluid"),
    "content": ("none", "keratin", "pus", "clear_fluid", "cheesy", "gelatinous"),
    "arrangement": ("scattered", "grouped", "linear", "symmetric"),
    "onset": ("gradual", "eruptive"),
    "course": ("resolving", "stable", "spreading"),
}

BOOLEAN_FIELDS: tuple[str, ...] = (
    "premature",
    "unwell",
    "expressible",
    "inflamed",
    "on_red_plaque",
    "painful",
    "itchy",
    "mobile",
    "growing",
    "leaves_brown_marks",
    "bleeding",
    "present_at_birth",
)

LIST_FIELDS: dict[str, tuple[str, ...]] = {
    "conditions": (
        "down_syndrome",
        "diabetes",
        "hyperlipidemia",
        "epidermolysis_bullosa",
        "porphyria_cutanea_tarda",
        "bullous_pemphigoid",
        "orofaciodigital_syndrome",
        "gardner_syndrome",
        "basal_cell_nevus_syndrome",
        "bazex_dupre_christol_syndrome",
        "rombo_syndrome",
        "brooke_spiegler_syndrome",
        "pachyonychia_congenita",
    ),
    "associated_findings": (
        "oral_malformations",
        "digit_anomalies",
        "sparse_hair",
        "nail_dystrophy",
        "multiple_basal_cell_carcinomas",
        "jaw_osteomas",
        "colon_polyps",
        "follicular_atrophoderma",
        "skin_atrophy",
        "telangiectasia",
    ),
    "medications": (
        "topical_corticosteroid",
        "fluorouracil_topical",
        "cyclosporine",
        "isotretinoin",
        "tyrosine_kinase_inhibitor",
        "hydroquinone",
        "benoxaprofen",
    ),
    "history": (
        "acne",
        "blackheads",
        "blistering_at_site",
        "burn_at_site",
        "sunburn_at_site",
        "dermabrasion_at_site",
        "laser_resurfacing_at_site",
        "chemical_peel_at_site",
        "radiotherapy_at_site",
        "skin_graft_at_site",
        "tattoo_at_site",
        "cryotherapy_at_site",
        "skin_fragility",
        "photosensitivity",
        "heavy_occlusive_skincare",
        "family_history_similar_bumps",
        "contacts_with_similar_bumps",
        "chronic_sun_damage",
        "overheating",
        "wants_self_extraction",
    ),
    "sites": (
        "eyelids",
        "under_eyes",
        "cheeks",
        "nose",
        "nasal_crease",
        "forehead",
        "temples",
        "chin",
        "upper_lip",
        "nasolabial_folds",
        "lips_vermilion",
        "palate",
        "gums",
        "buccal_mucosa",
        "ears",
        "behind_ears",
        "scalp",
        "neck",
        "chest",
        "back",
        "abdomen",
        "axillae",
        "arms",
        "back_of_hands",
        "palms_soles",
        "legs",
        "knees",
        "feet",
        "genitals",
        "areola",
    ),
}

# (minimum, maximum, minimum is exclusive, integer only)
NUMERIC_FIELDS: dict[str, tuple[float, float, bool, bool]] = {
    "age_days": (0, 43_830, False, True),
    "age_years": (0, 120, False, False),
    "diameter_mm": (0, 100, True, False),
    "count": (1, 1_000_000, False, True),
    "duration_weeks": (0, 6_300, False, False),
}

LESION_FIELDS: frozenset[str] = frozenset(
    {
        "color",
        "diameter_mm",
        "count",
        "surface",
        "consistency",
        "content",
        "expressible",
        "inflamed",
        "on_red_plaque",
        "arrangement",
        "painful",
        "itchy",
        "mobile",
        "growing",
        "leaves_brown_marks",
        "bleeding",
        "sites",
    }
)

FIELDS: tuple[str, ...] = (
    *NUMERIC_FIELDS,
    *CATEGORICAL_FIELDS,
    *BOOLEAN_FIELDS,
    *LIST_FIELDS,
)


# Words people use for a key or value that spelling distance cannot find ("M" is
# not closer to "male" than to "female"; "armpit" is not "arms"). Each is used only
# when its target is one of the valid choices at hand.
ALIASES: dict[str, str] = {
    # keys
    "colour": "color",
    "age": "age_years",
    "gender": "sex",
    "size": "diameter_mm",
    "size_mm": "diameter_mm",
    "diameter": "diameter_mm",
    "number": "count",
    "how_many": "count",
    "location": "sites",
    "locations": "sites",
    "site": "sites",
    "where": "sites",
    "duration": "duration_weeks",
    "meds": "medications",
    "drugs": "medications",
    "medicines": "medications",
    "diseases": "conditions",
    # values
    "m": "male",
    "man": "male",
    "boy": "male",
    "f": "female",
    "woman": "female",
    "girl": "female",
    "armpit": "axillae",
    "armpits": "axillae",
    "underarm": "axillae",
    "underarms": "axillae",
    "eyelid": "eyelids",
    "lids": "eyelids",
    "eb": "epidermolysis_bullosa",
    "gorlin": "basal_cell_nevus_syndrome",  # QA F9-C12: the red flag's own words
    "gorlin_syndrome": "basal_cell_nevus_syndrome",
    "basal_cell_naevus_syndrome": "basal_cell_nevus_syndrome",
    "pct": "porphyria_cutanea_tarda",
    "5_fu": "fluorouracil_topical",
    "5fu": "fluorouracil_topical",
    "efudex": "fluorouracil_topical",
    "fluorouracil": "fluorouracil_topical",
    "accutane": "isotretinoin",
    "roaccutane": "isotretinoin",
    "steroid": "topical_corticosteroid",
    "steroid_cream": "topical_corticosteroid",
    "hard": "firm",
    "dimple": "umbilicated",
    "dimpled": "umbilicated",
    "sudden": "eruptive",
    "suddenly": "eruptive",
    "slow": "gradual",
    "cluster": "grouped",
    "clustered": "grouped",
    "clusters": "grouped",
    "growing": "spreading",
    "getting_worse": "spreading",
    "worse": "spreading",
    "fading": "resolving",
    "improving": "resolving",
    "better": "resolving",
    "same": "stable",
}
# Words that must not get a guessed suggestion: "face" is many sites, not "axillae".
NO_GUESS = frozenset({"face", "body", "skin", "head", "grey", "gray", "other", "none"})
# QA F12-08: retinoid creams are a treatment, not isotretinoin (a different, oral drug)
NO_GUESS |= frozenset(
    {"tretinoin", "tretinoin_cream", "adapalene", "retinol", "retin-a", "retin_a", "differin"}
    | {"tazarotene", "retinoid", "retinoids", "retinoid_cream", "retinol_cream"}
)
