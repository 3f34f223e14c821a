#!/usr/bin/env bash
# Build a CPU-only CTranslate2 wheel (no CUDA kernels, no Intel MKL; oneDNN for the int8 and
# float GEMMs Argos models use) for a smaller bundle: PyPI's only x86-64 wheel carries MKL,
# oneDNN and CUDA kernels (75 MB of the bundle). Run on a networked release machine, in the
# same old-distribution root as the release (build_scripts/old_distro_build.sh), then install
# the wheel into the build venv before build_scripts/build.py:
#
#   build_scripts/ctranslate2_cpu.sh                 # -> dist/wheels/ctranslate2-*.whl
#   .venv/bin/pip install --force-reinstall --no-deps dist/wheels/ctranslate2-*.whl
#
# Needs git, cmake (3.15+), a C++17 compiler, Python 3.11 with pip, and network access to
# GitHub and PyPI. Takes 20-60 minutes on 2-4 cores. Not run by the tests.
set -euo pipefail

CT2_VERSION=${CT2_VERSION:-4.8.5}      # the version the build venv has now
ONEDNN_VERSION=${ONEDNN_VERSION:-3.1.1} # the oneDNN CTranslate2's own CI builds against
HERE=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-$HERE/build/ctranslate2-cpu}
PREFIX=$WORK/prefix
PYTHON=${PYTHON:-$HERE/.venv/bin/python}
JOBS=${JOBS:-$(nproc)}

mkdir -p "$WORK" "$HERE/dist/wheels"
cd "$WORK"

if [ ! -d oneDNN ]; then
  git clone --depth 1 --branch "v$ONEDNN_VERSION" https://github.com/oneapi-src/oneDNN.git
fi
# Static, inference only, the primitives CTranslate2 calls: a few MB instead of the full library.
cmake -S oneDNN -B oneDNN/build -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$PREFIX" \
  -DONEDNN_LIBRARY_TYPE=STATIC -DONEDNN_BUILD_EXAMPLES=OFF -DONEDNN_BUILD_TESTS=OFF \
  -DONEDNN_ENABLE_WORKLOAD=INFERENCE -DONEDNN_ENABLE_PRIMITIVE="CONVOLUTION;REORDER" \
  -DONEDNN_BUILD_GRAPH=OFF
cmake --build oneDNN/build -j "$JOBS" --target install

if [ ! -d CTranslate2 ]; then
  git clone --depth 1 --recursive --branch "v$CT2_VERSION" \
    https://github.com/OpenNMT/CTranslate2.git
fi
cmake -S CTranslate2 -B CTranslate2/build -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_INSTALL_PREFIX="$PREFIX" -DCMAKE_PREFIX_PATH="$PREFIX" \
  -DWITH_CUDA=OFF -DWITH_CUDNN=OFF -DWITH_MKL=OFF -DWITH_DNNL=ON -DOPENMP_RUNTIME=COMP \
  -DBUILD_CLI=OFF
cmake --build CTranslate2/build -j "$JOBS" --target install

cd CTranslate2/python
"$PYTHON" -m pip install --quiet -r install_requirements.txt wheel auditwheel
CTRANSLATE2_ROOT="$PREFIX" "$PYTHON" -m pip wheel --no-deps --no-build-isolation -w "$WORK/raw" .
# Vendor libctranslate2 (and libgomp) into the wheel, as PyPI's wheels do.
LD_LIBRARY_PATH="$PREFIX/lib:$PREFIX/lib64" "$PYTHON" -m auditwheel repair \
  --wheel-dir "$HERE/dist/wheels" "$WORK"/raw/ctranslate2-*.whl
ls -l "$HERE"/dist/wheels/ctranslate2-*.whl
