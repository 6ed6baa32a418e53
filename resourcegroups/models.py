"""Resource groups, supervision groups and the local work they drive (see issue 5)."""
