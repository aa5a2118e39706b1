"""The photo analysis's version: what its method is, said in the result (``analysis_version``).

Bumped once for each change that changes findings; the text names the method's
steps that changed since the first version, so that a stored result says how it
was made.
"""

from __future__ import annotations

__all__ = ["ANALYSIS_VERSION"]

ANALYSIS_VERSION = (
    "photo-1.13 (dog-ring-cnr; light cutoff 4.0, a* loss vs the ring lit to the core, "
    "b* in the whiteness contrast; whiteness L* + c_a a* + c_b b* (matched filter, full "
    "covariance); whiter by L* share or luminance x2; faint peaks under 1 mm need CNR 7; "
    "elongation <= 1.6; no eyeless face in a close-up; every input shrunk by a whole factor "
    "first, as a JPEG's reduced decode; band-pass spread is the mean |DoG| x sqrt(pi/2), "
    "not its RMS; no face and no scale given: not a reliable count; later face detectors "
    "search around a face without both eyes; a given scale > 2x off the face's: not a "
    "reliable count; ICC profiles converted to sRGB; b* weight bounded for white "
    "and yellow milia, a yellow bump on skin near white whiter at 20 % of the way with b* up "
    "4 spreads, teeth out of the skin mask, faces searched on turned copies (both eyes), two "
    "or more clipped bumps: not a reliable count; a light head on a red papule (2r-4r ring, "
    "3 of 4 quarters redder) is a pustule; a second face without eyes searched or said not "
    "searched; an upside-down face turned; the forehead ends at the face box; the working "
    "copy's area resize only around the skin; photo-1.10: turned or tilted faces behind glasses "
    "kept when two detectors agree and the box is symmetric, eight or more milia-like specks "
    "under 0.8 mm are glitter (bright specks), teeth in the mouth band out of the skin mask; "
    "photo-1.11: a light head overlapping a red bump of its own as red as a head's surround "
    "must be (3 spreads, 20 % of the skin's a*) is a pustule, a light bump judged with half "
    "its ring on skin (a red one three quarters); photo-1.12: a JPEG under 3000 px on its "
    "longer side decoded at full size, as its array is; a spot lighter than the skin enclosed "
    "by a large piece darker than any skin (a glasses frame) out of the skin mask; skin "
    "yellower than daylight skin of its lightness is a colour cast; photo-1.13: the midline "
    "strip between the eyes is never eyelid; 2026-12-07)"
)
