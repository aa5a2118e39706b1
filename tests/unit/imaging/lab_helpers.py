"""CIELAB test images: flat skin, domes, white-yellow bumps and lit skin."""

from __future__ import annotations

import cv2
import numpy as np

DARK = (33.0, 9.0, 14.0)
LIGHT = (68.0, 11.0, 14.0)


def skin(colour: tuple[float, float, float], seed: int = 0) -> np.ndarray:
    """Flat skin in CIELAB with a little noise per channel, (140, 160, 3) float32."""
    rng = np.random.default_rng(seed)
    lab = np.empty((140, 160, 3), np.float32)
    for k, (v, sd) in enumerate(zip(colour, (0.8, 0.4, 0.4), strict=True)):
        lab[..., k] = v + rng.normal(0, sd, lab.shape[:2])
    return np.asarray(cv2.GaussianBlur(lab, (0, 0), 0.6), np.float32)


def dome(row: float, col: float, radius: float) -> np.ndarray:
    rr, cc = np.mgrid[:140, :160]
    return np.exp(-np.log(2) * (np.hypot(rr - row, cc - col) / radius) ** 4)


def blend(lab: np.ndarray, alpha: np.ndarray, target: tuple[float, float, float]) -> None:
    lab += alpha[..., None] * (np.asarray(target, np.float32) - lab)


def light_up(lab: np.ndarray, alpha: np.ndarray, gain: float) -> np.ndarray:
    """The same skin lit ``gain`` times brighter under ``alpha`` (chromaticity kept)."""
    rgb = cv2.cvtColor(lab, cv2.COLOR_Lab2RGB)
    lin = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    lin = lin * (1.0 + alpha[..., None] * (gain - 1.0))
    srgb = np.where(lin <= 0.0031308, 12.92 * lin, 1.055 * np.clip(lin, 0, 1) ** (1 / 2.4) - 0.055)
    return np.asarray(cv2.cvtColor(srgb.astype(np.float32), cv2.COLOR_RGB2Lab), np.float32)
