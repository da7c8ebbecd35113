"""Views for the classroom: pure functions of a corpus (and the knowledge base) that
return pandas DataFrames, frozen records or matplotlib figures.

* :func:`timeline` / :func:`plot_timeline` -- dated events of the articles among context
  events (:mod:`edu_kit.views.timeline`);
* :func:`positions` / :func:`position_summary` / :func:`plot_positions` -- what each side
  says, issue by issue (:mod:`edu_kit.views.positions`; issues in
  ``edu_kit/data/issues.yaml``);
* :func:`own_words` -- the same issues in the primary documents, where each side speaks
  for itself (:mod:`edu_kit.views.own_words`);
* :func:`concept_cards` / :func:`concept_mentions` -- concepts explained, and where the
  articles invoke them (:mod:`edu_kit.views.concepts`);
* :func:`read` -- a whole article or primary document to read, with quotations,
  dates and names marked (:mod:`edu_kit.views.read`);
* :func:`glossary` / :func:`plain_passages` -- the hard words explained, and hard passages
  in plain English (:mod:`edu_kit.views.glossary`; data in ``edu_kit/data/glossary.yaml``);
* :func:`sources` / :func:`framing` / :func:`quoted_speakers` / :func:`plot_sources` -- who each article
  quotes, how it frames claims, what went wrong in it (:mod:`edu_kit.views.sources`).

``import edu_kit.views`` stays light: pandas and matplotlib load only when a view is
called.  Plotting functions take ``ax=None``
(a new figure is made) and return the Axes.

>>> from edu_kit import load_corpus
>>> from edu_kit import views
>>> views.sources(load_corpus())["article"].tolist()
['000', '001', '002', '003', '004']
"""

from __future__ import annotations

# The functions are bound after their modules, so that ``edu_kit.views.timeline`` is the
# function (import the modules with ``from edu_kit.views.timeline import ...``).
from .concepts import ConceptCard, concept_card, concept_cards, concept_mentions
from .glossary import Glossary, glossary, plain_passages
from .own_words import own_words
from .positions import Issue, issues, plot_positions, position_summary, positions
from .read import Reading, read
from .sources import framing, plot_sources, quoted_speakers, sources
from .timeline import plot_timeline, timeline

__all__ = [
    "ConceptCard",
    "Glossary",
    "Issue",
    "Reading",
    "concept_card",
    "concept_cards",
    "concept_mentions",
    "framing",
    "glossary",
    "issues",
    "own_words",
    "plain_passages",
    "plot_positions",
    "plot_sources",
    "plot_timeline",
    "position_summary",
    "positions",
    "quoted_speakers",
    "read",
    "sources",
    "timeline",
]
