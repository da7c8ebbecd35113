"""DataFrames shown in notebooks keep article text literal: no MathJax on ``$``.

JupyterLab typesets ``$...$`` in an HTML table as mathematics, so "the US gave $5bn and
Russia gave $9bn" would turn into italic maths.  pandas marks its tables
``mathjax_ignore`` when ``display.html.use_mathjax`` is off; every function of edu_kit
that builds a DataFrame calls :func:`literal_dollars` first.

>>> import pandas as pd
>>> literal_dollars(pd)
>>> "mathjax_ignore" in pd.DataFrame({"a": ["$5bn and $9bn"]})._repr_html_()
True
"""

from __future__ import annotations

from types import ModuleType

__all__ = ["literal_dollars"]


def literal_dollars(pd: ModuleType) -> None:
    """Turn off MathJax in pandas' HTML tables (a display option; data is unchanged)."""
    if pd.get_option("display.html.use_mathjax"):
        pd.set_option("display.html.use_mathjax", False)
