"""Pages of the roadmap app by family: the roadmap, orders, agreements (see ``urls.py``)."""
