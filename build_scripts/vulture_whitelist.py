"""Names the dead-code check (`make lint`, vulture) cannot see in use: read by vulture, never
imported. Each group says who uses them. Remove an entry when its code goes."""

from typing import Any

_: Any = None
__all__ = ["HTTP_SERVER_API", "LIBRARY_SETTINGS", "PYTEST", "QT_OVERRIDES", "STREAM_PROTOCOL",
           "WORK_IN_PROGRESS"]

# Qt calls these overrides of its virtual methods.
QT_OVERRIDES = (
    _.closeEvent,
    _.contextMenuEvent,
    _.filterAcceptsRow,
    _.paint,
)

# Library settings: attributes the library reads (diff-match-patch, openpyxl, jieba,
# llama.cpp's parameters) and the pkg_resources function the frozen app's shim provides.
LIBRARY_SETTINGS = (
    _.Diff_Timeout,
    _.freeze_panes,
    _.tmp_dir,
    _.cache_file,
    # jieba reads these of the table-backed tokenizer (core/jieba_dict.py).
    _.initialized,
    _.get_dict_file,
    _.get_DAG,
    _.get_FREQ,
    _.word_tag_tab,
    _.n_ctx,
    _.n_parallel,
    _.n_threads,
    _.warmup,
    _.verbosity,
    _.hostnames,
    _.resource_stream,
)

# The file protocol: print() and logging may call any of a stream's write methods.
STREAM_PROTOCOL = (_.writelines,)

# http.server handlers of the local test and benchmark servers.
HTTP_SERVER_API = (
    _.do_GET,
    _.do_POST,
    _.log_message,
    _.daemon_threads,
    _.close_connection,
)

# pytest: hooks, module markers, and fixtures a test asks for only for their effect
# (`@pytest.fixture` functions themselves are skipped by `--ignore-decorators`).
PYTEST = (
    _.pytest_collection_modifyitems,
    _.pytestmark,
    _.home_with_model,
    _.light_theme,
    _.restore_light_theme,
    _.local_index,
    _.signum,  # a signal handler's parameter
)

# In use by work in progress (unused today; its owners are changing these files).
WORK_IN_PROGRESS = (
    _.set_options,  # ui/views/diff_detail.py DiffDetailPane.set_options
)
