"""Amounts: each amount reads only its sentence's terms (LineTerms.within); the plain reference
is _subject and _other_terms given every term of the line."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.extract import amount_context, amount_reading, amount_subjects
from factcheck.settings import load_config
from factcheck.extract.terms import find_terms

CONFIG = load_config()
LEX = amount_context._lexicon(CONFIG)
PIECES = ["OpenAI", "谷歌", "英伟达", "微软", "长辰科技", "估值", "达到", "周活跃用户", "投资", "红色警报", "地震",
          "500亿美元", "8亿", "3万人", "1.4万亿美元", "，", "。", "；", "和", "的", "在", "据报道"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40))
def test_an_amount_reads_the_same_subject_and_terms_from_its_sentence_as_from_the_whole_line(pieces):
    """Reference: `amount_subjects._subject` and `amount_subjects._other_terms` given every term of the line."""
    norm = "".join(pieces)
    every = find_terms(norm, CONFIG)
    line_terms = amount_subjects.LineTerms(every)
    for reading in amount_reading.read_amounts(norm):
        window = amount_context._window(norm, reading)
        own = line_terms.within(*window.sentence)
        for events_may_own in (False, True):
            assert amount_subjects._subject(own, window, LEX.entity_keys, events_may_own) == \
                amount_subjects._subject(every, window, LEX.entity_keys, events_may_own)
        subject = amount_subjects._subject(every, window, LEX.entity_keys, True)
        assert amount_subjects._other_terms(own, window, subject) == amount_subjects._other_terms(every, window, subject)
