"""analyze_photo may run in several threads at once (QA F7-39).

The web app analyses uploads in a thread pool and Dask workers run tasks in threads.
OpenCV's cascade classifiers, shared between threads, failed with ``cv2.error ...
getScaleData`` in about a third of the calls (Grace Hopper's photo, 24 calls on 8
threads: 13 errors before the fix).
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from matplotlib import cbook
from PIL import Image

import milia


def test_concurrent_analyses_all_succeed_with_the_same_findings() -> None:
    with Image.open(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)) as image:
        rgb = np.asarray(image.convert("RGB"))
    expected = milia.analyze_photo(rgb)
    assert expected["face"] is not None  # a face: the eye detector runs in every call

    def run(_: int) -> str:
        result = milia.analyze_photo(rgb)
        return json.dumps([result["lesions"], result["face"]], sort_keys=True)

    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(run, range(24)))  # an exception would be raised here
    assert set(outcomes) == {json.dumps([expected["lesions"], expected["face"]], sort_keys=True)}
