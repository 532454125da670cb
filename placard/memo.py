"""Results kept between a preview's saves, given again while what they were made from is unchanged."""
from __future__ import annotations


class LastResults:
    """The last result of each named computation, given again while its inputs compare equal.

    A save keeps the items it did not change as the very same objects, so comparing a kind's
    items with the last ones is a pass of identity checks: far quicker than sorting or indexing them.
    """

    def __init__(self):
        self._last: dict = {}

    def get(self, name, inputs, make):
        last = self._last.get(name)
        if last is not None and last[0] == inputs:
            return last[1]
        result = make()
        self._last[name] = (inputs, result)
        return result

    def each(self, name, items, make, inputs=None) -> list:
        """[make(item) for item in items], given again for each item that was, as the very same
        object, among the items of the last call under `name`, while `inputs(item)`, when given,
        compares equal to what it was then."""
        last = self._last.get(name, {})
        made: dict = {}
        results = []
        for item in items:
            given = inputs(item) if inputs is not None else None
            kept = last.get(id(item))
            if kept is None or kept[0] is not item or kept[1] != given:
                kept = (item, given, make(item))
            made[id(item)] = kept
            results.append(kept[2])
        self._last[name] = made
        return results
