"""A tiny llama-architecture GGUF with random weights, written at test time.

It is small enough to write and load in well under a second, yet it goes through the real
llama.cpp loader, tokenizer, sampler and chat template, so the LLM engine is tested end to end.
Its output is nonsense text (random weights), which is exactly what the engine must survive.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from gguf import GGUFWriter, TokenType

# A ChatML template (what Qwen-style instruction models ship), so the chat path is exercised.
CHATML_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)

_WORDS = (
    "the of and to in a is that for on with as by at from was it be this are has have not "
    "Putin Mongolia Russia Ukraine International Criminal Court Rome Statute coalition "
    "energy strikes visit warrant president said country countries nations support "
    "translation here is note"
).split()


def _vocab() -> tuple[list[str], list[float], list[int]]:
    tokens = ["<unk>", "<s>", "</s>"]
    types = [TokenType.UNKNOWN, TokenType.CONTROL, TokenType.CONTROL]
    # Byte fallback tokens: SentencePiece-style vocabularies must have all 256 of them, so any
    # input (Chinese included) tokenizes.
    for byte in range(256):
        tokens.append(f"<0x{byte:02X}>")
        types.append(TokenType.BYTE)
    pieces = ["▁", *[chr(c) for c in range(ord("a"), ord("z") + 1)]]
    pieces += [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    pieces += list(".,:;!?'\"()-0123456789")
    pieces += ["▁" + word for word in _WORDS]
    for piece in pieces:
        if piece not in tokens:
            tokens.append(piece)
            types.append(TokenType.NORMAL)
    # Longer pieces score higher, so the SPM tokenizer prefers whole words.
    scores = [
        float(len(tok)) if kind == TokenType.NORMAL else 0.0
        for tok, kind in zip(tokens, types, strict=True)
    ]
    return tokens, scores, [int(t) for t in types]


def write_tiny_llama(
    path: Path,
    *,
    chat_template: str | None = CHATML_TEMPLATE,
    n_embd: int = 64,
    n_head: int = 4,
    n_head_kv: int | None = None,
    n_layer: int = 2,
    n_ff: int = 128,
    context_length: int = 2048,
    seed: int = 0,
    always_token: str | None = None,
) -> Path:
    """Write the model to `path` and return it (`n_head_kv` < `n_head`: grouped-query
    attention, as most current models have).

    `always_token` rigs the weights so greedy decoding always picks that token (e.g. "</s>" for
    a model that answers nothing, "▁Putin" for one that repeats a word): every embedding gets a
    large constant component that survives the small random layers, and only that token's
    output row reads it.
    """
    rng = np.random.default_rng(seed)
    tokens, scores, types = _vocab()
    n_vocab = len(tokens)
    head_dim = n_embd // n_head
    kv_heads = n_head if n_head_kv is None else n_head_kv

    writer = GGUFWriter(str(path), "llama")
    writer.add_name("parallax-tiny-test")
    writer.add_vocab_size(n_vocab)
    writer.add_context_length(context_length)
    writer.add_embedding_length(n_embd)
    writer.add_block_count(n_layer)
    writer.add_feed_forward_length(n_ff)
    writer.add_head_count(n_head)
    writer.add_head_count_kv(kv_heads)
    writer.add_rope_dimension_count(head_dim)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_file_type(0)  # all F32

    writer.add_tokenizer_model("llama")
    writer.add_token_list(tokens)
    writer.add_token_scores(scores)
    writer.add_token_types(types)
    writer.add_bos_token_id(1)
    writer.add_eos_token_id(2)
    writer.add_unk_token_id(0)
    writer.add_add_bos_token(True)
    if chat_template:
        writer.add_chat_template(chat_template)

    def weight(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.05).astype(np.float32)

    # numpy shapes are (rows, cols); GGUF stores them reversed, as llama.cpp expects.
    embeddings = weight(n_vocab, n_embd)
    output = weight(n_vocab, n_embd)
    if always_token is not None:
        embeddings[:, 0] = 1.0
        output[:, 0] = 0.0
        output[tokens.index(always_token), 0] = 10.0
    writer.add_tensor("token_embd.weight", embeddings)
    writer.add_tensor("output_norm.weight", np.ones(n_embd, dtype=np.float32))
    writer.add_tensor("output.weight", output)
    for layer in range(n_layer):
        prefix = f"blk.{layer}"
        writer.add_tensor(f"{prefix}.attn_norm.weight", np.ones(n_embd, dtype=np.float32))
        writer.add_tensor(f"{prefix}.attn_q.weight", weight(n_embd, n_embd))
        writer.add_tensor(f"{prefix}.attn_k.weight", weight(kv_heads * head_dim, n_embd))
        writer.add_tensor(f"{prefix}.attn_v.weight", weight(kv_heads * head_dim, n_embd))
        writer.add_tensor(f"{prefix}.attn_output.weight", weight(n_embd, n_embd))
        writer.add_tensor(f"{prefix}.ffn_norm.weight", np.ones(n_embd, dtype=np.float32))
        writer.add_tensor(f"{prefix}.ffn_gate.weight", weight(n_ff, n_embd))
        writer.add_tensor(f"{prefix}.ffn_up.weight", weight(n_ff, n_embd))
        writer.add_tensor(f"{prefix}.ffn_down.weight", weight(n_embd, n_ff))

    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path
