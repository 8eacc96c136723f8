from __future__ import annotations

from tools.search.fusion import group_by_paper, reciprocal_rank_fusion


def test_rrf_scores_are_sums_of_reciprocal_ranks() -> None:
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["c", "a"]], k=60)
    scores = {f.item: f.score for f in fused}
    assert scores["a"] == 1 / 61 + 1 / 62
    assert scores["c"] == 1 / 63 + 1 / 61
    assert scores["b"] == 1 / 62
    assert [f.item for f in fused] == ["a", "c", "b"]
    assert fused[1].ranks == (3, 1)


def test_an_item_ranked_well_by_both_beats_one_ranked_first_by_one() -> None:
    fused = reciprocal_rank_fusion([["x", "both"], ["y", "both"]], k=1)
    assert fused[0].item == "both"  # 1/3 + 1/3 > 1/2


def test_ties_break_by_best_rank_then_first_appearance() -> None:
    fused = reciprocal_rank_fusion([["a", "b"], ["b", "a"]])
    assert [f.item for f in fused] == ["a", "b"]  # equal scores, equal best rank: first seen wins
    assert [f.item for f in reciprocal_rank_fusion([["b", "a"], ["a", "b"]])] == ["b", "a"]


def test_empty_and_single_rankings() -> None:
    assert reciprocal_rank_fusion([[], []]) == []
    assert [f.item for f in reciprocal_rank_fusion([["p", "q"], []])] == ["p", "q"]


def test_duplicates_within_a_ranking_count_once_at_their_best_rank() -> None:
    fused = reciprocal_rank_fusion([["a", "a", "b"]], k=0)
    assert {f.item: f.score for f in fused} == {"a": 1.0, "b": 1 / 3}


def test_group_by_paper_scores_papers_by_their_best_chunk_and_keeps_best_chunks() -> None:
    fused = reciprocal_rank_fusion([[1, 2, 3, 4, 5]], k=0)
    paper_of = {1: "P", 2: "Q", 3: "P", 4: "P", 5: "R"}
    groups = group_by_paper(fused, paper_of, k=2, per_paper=2)
    assert [(paper, [f.item for f in entries]) for paper, _, entries in groups] == [("P", [1, 3]), ("Q", [2])]
    assert groups[0][1] == 1.0


def test_group_by_paper_drops_chunks_of_unknown_papers() -> None:
    fused = reciprocal_rank_fusion([[1, 2]])
    assert [p for p, _, _ in group_by_paper(fused, {2: "Q"}, k=5, per_paper=1)] == ["Q"]
