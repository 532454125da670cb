"""Results kept between a preview's saves, given again while what they were made from is unchanged."""
from __future__ import annotations

import operator
from itertools import compress


class LastResults:
    """The last result of each named computation, given again while its inputs compare equal.

    A save keeps the items it did not change as the very same objects, so comparing a kind's
    items with the last ones is a pass of identity checks: far quicker than sorting or indexing them.
    """

    def __init__(self):
        self._last: dict = {}

    def get(self, name, inputs, make, reads=None, patch=None):
        """make(), or the last result under `name` while `inputs` compare equal; or, with `patch`,
        patch(last inputs, last result) when it can tell the result from the last one (not None).

        With `reads`, `inputs` is a sequence of items and make() reads of each item only
        reads(item), placing it by its position: when the items differ from the last ones only
        by items whose reads are unchanged (a save that renamed an event, for an index of events
        by day), the last result is given with each such item put in place of the one it replaces.
        The result then holds the very items given, never equal ones from before."""
        last = self._last.get(name)
        if last is not None and last[0] is inputs:
            return last[1]
        if last is not None and reads is not None:
            swaps = swaps_between(last[0], inputs, reads)
            if swaps is not None:
                result = _swapped(last[1], swaps) if swaps else last[1]
                self._last[name] = (inputs, result)
                return result
        elif last is not None and last[0] == inputs:
            return last[1]
        result = patch(*last) if patch is not None and last is not None else None
        if result is None:
            result = make()
        self._last[name] = (inputs, result)
        return result

    def unchanged(self, name, value) -> bool:
        """Whether `value` compares equal to the one given under `name` the last time."""
        last = self._last.get(name, _UNKNOWN)
        self._last[name] = value
        return last is not _UNKNOWN and last == value

    def each(self, name, items, make, inputs=None) -> list:
        """[make(item) for item in items], given again for each item that was, as the very same
        object, among the items of the last call under `name`: while `inputs(item)` compares equal
        to what it was then, when given; when not, what make() reads besides the item is as it
        was at the last call."""
        last_items, last_results, last = self._last.get(name, ((), [], {}))
        if inputs is None and len(items) == len(last_items):
            # Items in the same places but for the few a save changed: remake those alone.
            changed = replaced(last_items, items)
            if len(changed) < len(items) // 2:
                results, made = list(last_results), dict(last)
                staying = {id(items[at]) for at in changed}
                for at in changed:
                    was, now = last_items[at], items[at]
                    if id(was) not in staying:
                        made.pop(id(was), None)
                    kept = made.get(id(now))
                    if kept is None or kept[0] is not now:
                        kept = made[id(now)] = (now, _UNKNOWN, make(now))
                    results[at] = kept[2]
                self._last[name] = (tuple(items), results, made)
                return list(results)
        made: dict = {}
        results = []
        for item in items:
            given = inputs(item) if inputs is not None else _UNKNOWN
            kept = last.get(id(item))
            if kept is None or kept[0] is not item or kept[1] != given:
                kept = (item, given, make(item))
            made[id(item)] = kept
            results.append(kept[2])
        self._last[name] = (tuple(items), results, made)
        return list(results)


def swaps_between(before, after, reads) -> dict | None:
    """{id(old item): new item} of two equally long sequences that differ only where reads() of
    the items agree; None otherwise."""
    if len(before) != len(after):
        return None
    swaps = {}
    for at in replaced(before, after):
        old, new = before[at], after[at]
        if reads(old) != reads(new):
            return None
        swaps[id(old)] = new
    return swaps


def replaced(before, after) -> list:
    """The places where two equally long sequences hold different objects, found at C speed: a
    save of one item among thousands replaces one."""
    return list(compress(range(len(after)), map(operator.is_not, before, after)))


def _swapped(result, swaps: dict):
    """`result` with the swapped items in place of the old: through lists, tuples and the values
    of dicts, which is how indexes of items are made. A part that holds none of them is given
    back as it is, so a save that renamed one event remakes only the lists that show it."""
    if type(result) is dict:
        changed = {key: made for key, value in result.items() if (made := _swapped(value, swaps)) is not value}
        return {**result, **changed} if changed else result
    if CONTAINERS.isdisjoint(map(type, result)):
        if swaps.keys().isdisjoint(map(id, result)):
            return result
        made = [swaps.get(id(value), value) for value in result]
    else:
        made = [_swapped(value, swaps) if type(value) in CONTAINERS else swaps.get(id(value), value)
                for value in result]
        if all(map(operator.is_, made, result)):
            return result
    return made if type(result) is list else tuple(made)


CONTAINERS = {list, tuple, dict}
# What a kept result was made from besides its item, when the caller did not say: equal only to itself.
_UNKNOWN = object()
