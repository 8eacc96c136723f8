"""A PEFT LoRA adapter as a GGUF LoRA adapter that llama.cpp (and llama-cpp-python) load on the base GGUF.

llama.cpp wants ``general.type = adapter``, ``adapter.type = lora``, ``adapter.lora.alpha`` and, for
each adapted weight, ``<gguf tensor name>.lora_a`` (rank × in) and ``.lora_b`` (out × rank): the same
matrices PEFT stores, under llama.cpp's tensor names. Only projections whose layout is the same in both
worlds are adapted (labbot's training targets v, o and the MLP): llama.cpp stores q and k permuted for
its rotary layout, which a converter would have to undo in lora_b.
"""

from __future__ import annotations

import re
from pathlib import Path

import gguf
import numpy as np
from safetensors.numpy import load_file

TARGET_MODULES = ("v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")
GGUF_NAMES = {
    "self_attn.v_proj": "attn_v",
    "self_attn.o_proj": "attn_output",
    "mlp.gate_proj": "ffn_gate",
    "mlp.up_proj": "ffn_up",
    "mlp.down_proj": "ffn_down",
}
_PEFT_KEY = re.compile(r"layers\.(\d+)\.(self_attn\.\w+|mlp\.\w+)\.lora_([AB])\.weight$")


class AdapterError(ValueError):
    """The PEFT adapter holds something a GGUF LoRA adapter cannot express."""


def write_gguf_lora(peft_dir: Path, out_path: Path, *, alpha: float, architecture: str = "llama") -> int:
    """Converts ``peft_dir/adapter_model.safetensors``; returns the number of adapted weights."""
    tensors = load_file(str(peft_dir / "adapter_model.safetensors"))
    writer = gguf.GGUFWriter(str(out_path), arch=architecture)
    writer.add_type(gguf.GGUFType.ADAPTER)
    writer.add_string(gguf.Keys.Adapter.TYPE, "lora")
    writer.add_float32(gguf.Keys.Adapter.LORA_ALPHA, float(alpha))
    adapted = 0
    for key in sorted(tensors):
        match = _PEFT_KEY.search(key)
        if match is None:
            raise AdapterError(f"unexpected tensor in the adapter: {key}")
        layer, module, side = match.groups()
        if module not in GGUF_NAMES:
            raise AdapterError(f"{module} is not convertible (llama.cpp permutes q and k); train {TARGET_MODULES}")
        name = f"blk.{layer}.{GGUF_NAMES[module]}.weight.lora_{side.lower()}"
        writer.add_tensor(name, np.ascontiguousarray(tensors[key], dtype=np.float32))
        adapted += side == "A"
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return adapted
