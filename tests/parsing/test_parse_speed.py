"""Parser run-time settings (issue 24): int8 quantisation, device, and the cache key they make."""

from __future__ import annotations

import json

import pytest

from claimtrack.errors import ModelError
from claimtrack.parsing.cache import CacheEntry, ParseCache
from claimtrack.parsing.parser import Parser, get_parser, resolve_device, resolve_quantize, usable_device

TEXT = "The minister said the bridge was safe."


def test_an_int8_parser_has_its_own_model_id():
    plain, int8 = Parser("compact", quantize=False), Parser("compact", quantize=True)
    assert int8.model_id == plain.model_id + "-int8"
    assert (plain.quantize, int8.quantize) == (False, True)


def one_word(upos: str) -> list:
    return [[{"id": 1, "text": "The", "upos": upos, "head": 0, "start_char": 0, "end_char": 3}]]


def test_a_parse_cached_by_the_float_models_is_not_read_back_by_int8(tmp_path):
    store = ParseCache(tmp_path)
    plain, int8 = Parser("compact", quantize=False), Parser("compact", quantize=True)
    store.put_entry(TEXT, plain.model_id, CacheEntry(one_word("DET")))
    assert plain._cached(store, TEXT).sentences == one_word("DET")
    assert int8._cached(store, TEXT) is None
    store.put_entry(TEXT, int8.model_id, CacheEntry(one_word("PRON")))
    assert int8._cached(store, TEXT).sentences == one_word("PRON")
    assert plain._cached(store, TEXT).sentences == one_word("DET")


@pytest.mark.parametrize(
    ("env", "argument", "expected"),
    [("1", None, True), ("0", None, False), ("yes", None, True), ("1", False, False), ("0", True, True)],
)
def test_quantisation_comes_from_the_argument_then_the_environment(monkeypatch, env, argument, expected):
    monkeypatch.setenv("CLAIMTRACK_INT8", env)
    assert resolve_quantize(argument) is expected


def test_a_bad_int8_setting_is_one_clear_error(monkeypatch):
    monkeypatch.setenv("CLAIMTRACK_INT8", "maybe")
    with pytest.raises(ModelError) as caught:
        resolve_quantize(None)
    assert str(caught.value) == "$CLAIMTRACK_INT8='maybe': expected 1 or 0"


def test_get_parser_keeps_one_parser_per_setting(monkeypatch):
    monkeypatch.delenv("CLAIMTRACK_MODELS", raising=False)
    monkeypatch.setenv("CLAIMTRACK_INT8", "1")
    from_env = get_parser("compact")
    assert from_env is get_parser("compact", quantize=True)
    assert get_parser("compact", quantize=False) is not from_env
    assert (from_env.quantize, get_parser("compact", quantize=False).quantize) == (True, False)


@pytest.mark.parametrize(("given", "expected"), [(None, "cpu"), ("CUDA", "cuda"), ("cuda:1", "cuda:1")])
def test_devices_are_named_cpu_or_cuda(monkeypatch, given, expected):
    monkeypatch.delenv("CLAIMTRACK_DEVICE", raising=False)
    assert resolve_device(given) == expected


def test_an_unknown_device_is_one_clear_error():
    with pytest.raises(ModelError) as caught:
        Parser("compact", device="tpu")
    assert str(caught.value) == "device 'tpu': expected cpu, cuda or cuda:N"


def test_a_gpu_parser_is_not_quantised():
    parser = Parser("compact", quantize=True, device="cuda")
    assert (parser.quantize, parser.model_id.endswith("-int8")) == (False, False)


def test_cuda_without_a_gpu_falls_back_to_the_cpu_with_one_line(monkeypatch, capsys):
    import torch

    from claimtrack.parsing import runtime as module

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(module, "_FELL_BACK", [])
    assert usable_device("cuda") == "cpu"
    assert usable_device("cuda") == "cpu"
    assert usable_device("cpu") == "cpu"
    assert capsys.readouterr().err == "claimtrack: no CUDA GPU available for --device cuda; parsing on the CPU\n"


@pytest.mark.slow
def test_an_int8_parse_quantises_the_tagger_lemmatiser_and_parser(monkeypatch, capsys):
    import torch

    from claimtrack.parsing import runtime as module

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(module, "_FELL_BACK", [])
    parser = Parser("compact", cache=False, quantize=True, device="cpu")
    doc = parser.parse(TEXT)
    said = next(word for sentence in doc.sentences for word in sentence.words if word.text == "said")
    assert (said.lemma, said.upos, said.deprel) == ("say", "VERB", "root")
    kinds = {
        name: sorted({type(module).__name__ for module in parser.pipeline().processors[name].trainer.model.modules()
                      if type(module).__module__.startswith("torch.ao.nn.quantized")})
        for name in ("pos", "lemma", "depparse")
    }
    quantized = ["LSTM", "PackedParameter"]
    assert kinds == {"pos": quantized, "lemma": quantized, "depparse": quantized}
    fallback = Parser("compact", cache=False, quantize=False, device="cuda")
    assert fallback.parse(TEXT).sentences[0].words[2].deprel == "root"
    assert capsys.readouterr().err == "claimtrack: no CUDA GPU available for --device cuda; parsing on the CPU\n"


@pytest.mark.slow
def test_extract_device_cuda_without_a_gpu_says_so_in_one_line_and_extracts(tmp_path):
    import subprocess
    import sys

    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU: nothing to fall back from")
    article = tmp_path / "article.txt"
    article.write_text('"The bridge is safe," the minister said.\n', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "claimtrack", "extract", str(article), "--device", "cuda", "--no-cache"],
        capture_output=True, text=True, timeout=300,
    )
    assert (done.returncode, done.stderr) == (0, "claimtrack: no CUDA GPU available for --device cuda; parsing on the CPU\n")
    claims = json.loads(done.stdout)["claims"]
    assert [(claim["content"]["text"], claim["source"]["text"]) for claim in claims] == [
        ("The bridge is safe", "the minister")
    ]
