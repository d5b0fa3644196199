extension PythonBootstrap {
    /// The worker script; see `PythonBootstrap` for what it does and the memory cap rule.
    static let script = #"""
# plumb function runtime bootstrap for python3.x handlers.
#
# Protocol (all integers are unsigned 32-bit big-endian):
#   request  (stdin):  length, then "request-id TAB deadline-epoch-ms TAB invoked-arn LF" + payload
#   response (fd 1 as inherited, kept private): length, then one kind byte, max RSS in KiB, body
#     kinds: R ready, I init error, S success, E handler error, X runtime error,
#            M out of memory (the worker exits right after)
# The protocol pipes move to private descriptors that child processes do not inherit; fd 0
# becomes /dev/null and fd 1 a copy of stderr, so prints and subprocesses cannot touch them.
# argv: code-dir memory-mb idle-exit-seconds max-response-bytes
import os
import sys

_PROTO_IN = os.dup(0)
_PROTO_OUT = os.dup(1)
os.dup2(2, 1)
_null = os.open(os.devnull, os.O_RDONLY)
os.dup2(_null, 0)
os.close(_null)


def _close_leaked_descriptors():
    # Pipes and sockets inherited by accident from a concurrently spawning parent would keep
    # another worker's stdin open; close every one that is not ours.
    keep = {0, 1, 2, _PROTO_IN, _PROTO_OUT}
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd in keep:
            continue
        try:
            target = os.readlink("/proc/self/fd/" + name)
        except OSError:
            continue
        if target.startswith(("pipe:", "socket:")):
            try:
                os.close(fd)
            except OSError:
                pass


_close_leaked_descriptors()
os.environ.pop("MALLOC_ARENA_MAX", None)

import importlib
import json
import resource
import select
import signal
import time
import traceback
import logging

_EXIT_OUT_OF_MEMORY = 86
_CODE_DIR = sys.argv[1]
_MEMORY_MB = int(sys.argv[2])
_IDLE_EXIT_SECONDS = float(sys.argv[3])
_MAX_RESPONSE_BYTES = int(sys.argv[4])
_PARENT = os.getppid()
_current_request_id = ""
sys.argv = [sys.argv[0]]
sys.path[0] = _CODE_DIR
sys.stdout.reconfigure(line_buffering=True)


class _RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _current_request_id
        return True


def _install_logging():
    handler = logging.StreamHandler(sys.stdout)
    formatter = logging.Formatter(
        "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s",
        "%Y-%m-%dT%H:%M:%S")
    formatter.converter = time.gmtime
    handler.setFormatter(formatter)
    handler.addFilter(_RequestIdFilter())
    logging.getLogger().addHandler(handler)


class LambdaContext:
    """What a handler receives as its second argument, as on AWS Lambda."""

    # The worker's Lambda variables, read once when the bootstrap starts (before the handler's
    # module is imported): they are fixed for the life of an execution environment.
    _FUNCTION = tuple(os.environ.get(name) for name in (
        "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
        "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME"))

    def __init__(self, request_id, deadline_ms, invoked_arn):
        self.aws_request_id = request_id
        self.invoked_function_arn = invoked_arn
        (self.function_name, self.function_version, self.memory_limit_in_mb,
         self.log_group_name, self.log_stream_name) = self._FUNCTION
        self.identity = None
        self.client_context = None
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(int(self._deadline_ms - time.time() * 1000), 0)


def _max_rss_kib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _send(kind, body):
    sys.stdout.flush()
    sys.stderr.flush()
    frame = (len(body) + 5).to_bytes(4, "big") + kind + _max_rss_kib().to_bytes(4, "big") + body
    view = memoryview(frame)
    while view:
        written = os.write(_PROTO_OUT, view)
        view = view[written:]


def _error_body(error_type, message, request_id=None, stack=None):
    body = {"errorMessage": message, "errorType": error_type}
    if request_id is not None:
        body["requestId"] = request_id
    body["stackTrace"] = stack if stack is not None else []
    return json.dumps(body).encode()


def _user_stack(tb):
    entries = [entry for entry in traceback.extract_tb(tb)
               if entry.filename != __file__ and not entry.filename.startswith("<frozen")]
    return traceback.format_list(entries)


def _log_error(error_type, message, stack):
    sys.stderr.write("[ERROR] %s: %s\n" % (error_type, message))
    if stack:
        sys.stderr.write("Traceback (most recent call last):\n" + "".join(stack))


def _cap_memory():
    # The cap is on address space: what the interpreter has mapped right now, plus the
    # function's memory size, plus 64 MiB for reservations that are not memory use (thread
    # stacks). MALLOC_ARENA_MAX=1 keeps glibc from reserving 64 MiB per thread.
    if _MEMORY_MB <= 0:
        return
    mapped = 0
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                mapped = int(line.split()[1]) * 1024
                break
    limit = mapped + (_MEMORY_MB + 64) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _load_handler():
    spec = os.environ.get("_HANDLER", "")
    try:
        module_path, function_name = spec.rsplit(".", 1)
    except ValueError as error:
        raise _InitError("Runtime.MalformedHandlerName", "Bad handler '%s': %s" % (spec, error))
    module_name = module_path.replace("/", ".")
    try:
        module = importlib.import_module(module_name)
    except MemoryError:
        raise
    except ImportError as error:
        raise _InitError("Runtime.ImportModuleError",
                         "Unable to import module '%s': %s" % (module_name, error))
    except SyntaxError as error:
        raise _InitError("Runtime.UserCodeSyntaxError",
                         "Syntax error in module '%s': %s" % (module_name, error))
    except Exception as error:
        stack = _user_stack(error.__traceback__)
        raise _InitError(type(error).__name__, str(error), stack)
    handler = getattr(module, function_name, None)
    if handler is None:
        raise _InitError("Runtime.HandlerNotFound",
                         "Handler '%s' missing on module '%s'" % (function_name, module_name))
    return handler


class _InitError(Exception):
    def __init__(self, error_type, message, stack=None):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.stack = stack or []


def _out_of_memory():
    try:
        _send(b"M", b"")
    finally:
        os._exit(_EXIT_OUT_OF_MEMORY)


class _Reader:
    def __init__(self):
        self.buffer = bytearray()

    def frame(self):
        """The next request frame, or None when the parent is gone."""
        while True:
            if len(self.buffer) >= 4:
                length = int.from_bytes(self.buffer[:4], "big")
                if len(self.buffer) >= 4 + length:
                    frame = bytes(self.buffer[4:4 + length])
                    del self.buffer[:4 + length]
                    return frame
            if not self._fill():
                return None

    def _fill(self):
        idle_since = time.monotonic()
        while True:
            ready, _, _ = select.select([_PROTO_IN], [], [], 2.0)
            if ready:
                chunk = os.read(_PROTO_IN, 1 << 16)
                if not chunk:
                    return False
                self.buffer += chunk
                return True
            if os.getppid() != _PARENT:
                return False
            if time.monotonic() - idle_since > _IDLE_EXIT_SECONDS:
                return False


def _invoke(handler, frame):
    global _current_request_id
    newline = frame.index(b"\n")
    request_id, deadline, invoked_arn = frame[:newline].decode().split("\t")
    deadline_ms = float(deadline)
    payload = frame[newline + 1:]
    _current_request_id = request_id
    try:
        event = json.loads(payload) if payload.strip() else {}
    except ValueError as error:
        message = "Unable to unmarshal input: %s" % error
        return _send(b"X", _error_body("Runtime.UnmarshalError", message, request_id))
    context = LambdaContext(request_id, deadline_ms, invoked_arn)
    # Backstop for an orphaned worker: the parent kills at the deadline; if the parent is
    # gone, SIGALRM (default action: terminate) ends a handler that never returns.
    remaining = max(deadline_ms / 1000 - time.time(), 0) + 3
    signal.setitimer(signal.ITIMER_REAL, remaining)
    try:
        result = handler(event, context)
    except MemoryError:
        signal.setitimer(signal.ITIMER_REAL, 0)
        return _out_of_memory()
    except Exception as error:
        signal.setitimer(signal.ITIMER_REAL, 0)
        stack = _user_stack(error.__traceback__)
        error_type = type(error).__name__
        _log_error(error_type, str(error), stack)
        return _send(b"E", _error_body(error_type, str(error), request_id, stack))
    signal.setitimer(signal.ITIMER_REAL, 0)
    try:
        body = json.dumps(result).encode()
    except MemoryError:
        return _out_of_memory()
    except (TypeError, ValueError) as error:
        message = "Unable to marshal response: %s" % error
        return _send(b"X", _error_body("Runtime.MarshalError", message, request_id))
    if len(body) > _MAX_RESPONSE_BYTES:
        message = ("Response payload size exceeded maximum allowed payload size (%d bytes)."
                   % _MAX_RESPONSE_BYTES)
        return _send(b"X", _error_body("Function.ResponseSizeTooLarge", message))
    _send(b"S", body)


def main():
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    _install_logging()
    try:
        _cap_memory()
        handler = _load_handler()
    except MemoryError:
        return _out_of_memory()
    except _InitError as error:
        _log_error(error.error_type, error.message, error.stack)
        return _send(b"I", _error_body(error.error_type, error.message, None, error.stack))
    _send(b"R", b"")
    reader = _Reader()
    while True:
        frame = reader.frame()
        if frame is None:
            return
        _invoke(handler, frame)


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:
        pass
    os._exit(0)
"""#
}
