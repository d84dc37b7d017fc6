"""The event-driven YAML reader gives the values PyYAML's safe loader gives (with the catalogue's
rules), places values exactly, and the canonical locator agrees with it."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import ClassVar

import pytest
import yaml

from generator.certificates.fastread import canonical_located
from generator.load.yamlio import YamlFileError, load_located, load_text, locate, read_text
from generator.synth import synthesize

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE_FILES = sorted(p for p in (ROOT / "catalogue").rglob("*.yaml"))


_DROPPED = ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
_TRUE_FALSE = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


class _Reference(yaml.SafeLoader):
    """PyYAML's pure safe loader with the catalogue's scalar rules (no timestamps, true/false only)."""

    yaml_implicit_resolvers: ClassVar[dict] = {
        first: [(tag, rx) for tag, rx in entries if tag not in _DROPPED]
        for first, entries in yaml.SafeLoader.yaml_implicit_resolvers.items()}


_Reference.add_implicit_resolver("tag:yaml.org,2002:bool", _TRUE_FALSE, list("tTfF"))
IDS = [p.relative_to(ROOT).as_posix() for p in CATALOGUE_FILES]


@pytest.mark.parametrize("path", CATALOGUE_FILES, ids=IDS)
def test_every_catalogue_file_reads_as_pyyaml_reads_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert load_text(text, path.name) == yaml.load(text, Loader=_Reference)


@pytest.mark.parametrize("text", [
    "a: 1\nb: 0x1F\nc: 1_000\nd: 0o17\ne: 017\nf: 1:30\ng: .5\nh: -.inf\ni: .nan\n",
    "a: ~\nb: null\nc:\nd: ''\ne: \"\"\nf: 'x'\ng: !!str 12\nh: !!int '7'\ni: ! 12\n",
    "a: yes\nb: no\nc: on\nd: true\ne: False\nf: 2020-06-18\ng: 2020-06-18T10:00:00\n",
    "- [1, [2, [3]]]\n- {a: {b: {c: d}}}\n- ? x\n  : y\n",
    "a: >\n  folded\n  text\nb: |\n  literal\n  text\nc: \"esc\\u00e9\\t\\n\"\n",
    "a: [a: 1, b]\nb: {c, d: }\n",
])
def test_scalars_and_collections_read_as_pyyaml_reads_them(text: str) -> None:
    assert load_text(text, "x.yaml") == yaml.load(text, Loader=_Reference)


def test_positions_are_those_of_the_node_tree() -> None:
    for path in CATALOGUE_FILES[:20]:
        located = load_located(path, path.name)
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=_Reference)
        expected: dict[tuple, tuple[int, int]] = {}

        def walk(n: yaml.Node, parts: tuple, out: dict = expected) -> None:
            out[parts] = (n.start_mark.line + 1, n.start_mark.column + 1)
            if isinstance(n, yaml.MappingNode):
                for key, value in n.value:
                    walk(value, (*parts, key.value))
            elif isinstance(n, yaml.SequenceNode):
                for index, item in enumerate(n.value):
                    walk(item, (*parts, index))

        walk(node, ())
        assert located.values == expected, path


def test_locating_chosen_paths_gives_the_same_positions_as_locating_all(tmp_path: Path) -> None:
    synthesize(tmp_path / "c", enterprises=3, certificates=600, seed=5, workers=1)
    rng = random.Random(3)
    for path in sorted((tmp_path / "c" / "certificates").glob("*/*.yaml")):
        every = load_located(path, path.name)
        text = read_text(path, path.name)
        wanted = rng.sample(sorted(every.values, key=str), 5)
        chosen = locate(text, path.name, wanted)
        canonical = canonical_located(text, path.name, wanted)
        assert canonical is not None
        for parts in wanted:
            assert chosen.where(parts) == every.where(parts) == canonical.where(parts), (path, parts)
            if parts in every.keys:
                assert chosen.where(parts, key=True) == every.where(parts, key=True) == \
                    canonical.where(parts, key=True)


def test_a_refused_construct_is_refused_before_it_is_built() -> None:
    bomb = "a: &a [" + ", ".join(["x"] * 50) + "]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 50)}]\n" for i in range(20))
    with pytest.raises(YamlFileError) as exc:
        load_text(bomb, "bomb.yaml")
    assert str(exc.value.problem).startswith("bomb.yaml:1:4: '&a' is an anchor")
