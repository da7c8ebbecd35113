"""Fixtures shared by the test modules."""

from __future__ import annotations

from collections.abc import Iterator

import matplotlib
import pytest

matplotlib.use("Agg")  # figures are drawn off screen in tests

from edu_kit import load_corpus
from edu_kit.corpus import Corpus


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """The five bundled seed articles."""
    return load_corpus()


@pytest.fixture
def close_figures() -> Iterator[None]:
    """Close every figure a test opened."""
    import matplotlib.pyplot as plt

    yield
    plt.close("all")
