"""Keras's TensorBoard callback writes one run's training and validation scalars to two
sibling folders, ``train/`` and ``validation/``, under the same tags (``epoch_loss``).
Read apart they are two runs, and the validation curve's drops cannot be set against
the LR, which only ``train/`` logs; read together they are one run whose series are
named as TensorBoard shows them: ``train/epoch_loss``, ``validation/epoch_loss``."""

from __future__ import annotations

from collections.abc import Iterable

KERAS_SPLITS = ("train", "validation")


def keras_groups(names: Iterable[str], sep: str) -> dict[str, list[tuple[str, str]]]:
    """Group name -> [(series-name prefix, run name)] for runs named by ``sep``-joined paths.

    Sibling runs ``<parent>train`` and ``<parent>validation`` become one group named
    ``<parent>`` ("" at the top), joined by a run of that name if there is one; every other
    run is a group of its own, unprefixed."""
    names = list(names)
    leaves: dict[str, set[str]] = {}
    for name in names:
        parent, _, leaf = name.rpartition(sep)
        leaves.setdefault(parent, set()).add(leaf)
    groups: dict[str, list[tuple[str, str]]] = {}
    for name in names:
        parent, _, leaf = name.rpartition(sep)
        if leaf in KERAS_SPLITS and leaves[parent] >= set(KERAS_SPLITS):
            groups.setdefault(parent, []).append((f"{leaf}/", name))
        else:
            groups.setdefault(name, []).append(("", name))
    return groups
