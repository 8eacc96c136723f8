"""The sandbox's seccomp filter: system calls a statistics cell never needs and an escape often does, denied.

Built with libseccomp (``pyseccomp``) as a deny list (default allow: the analysis libraries use hundreds of
calls) and handed to bwrap as BPF on an fd (``--seccomp FD``). bwrap loads it, with no_new_privs, as the last
step before it starts the kernel, so no code inside ever runs without it. Calls of a foreign ABI (i386, x32)
kill the caller: libseccomp's default for an architecture the filter was not built for.

Denied calls fail with EPERM (EAFNOSUPPORT for socket families, ENOSYS for ``clone3`` so that glibc falls
back to ``clone``, whose namespace flags can be checked), as Flatpak's filter does.
"""

from __future__ import annotations

import errno
import functools
import os
from typing import Any

from tools.sandbox.protocol import SandboxUnavailableError

DENIED = (
    # the kernel keyring: a sandbox reading or planting keys (its own session keyring is fresh anyway)
    "keyctl", "add_key", "request_key",
    # io_uring does file and socket I/O behind seccomp's back, and has been a rich source of kernel bugs
    "io_uring_setup", "io_uring_enter", "io_uring_register",
    # other processes' memory and descriptors
    "ptrace", "process_vm_readv", "process_vm_writev", "pidfd_getfd", "kcmp",
    # mounts and namespaces: the sandbox's view of the file system is bwrap's, and stays so
    "mount", "umount2", "pivot_root", "chroot", "open_tree", "move_mount", "fsopen", "fsconfig", "fsmount",
    "fspick", "mount_setattr", "unshare", "setns",
    # kernel attack surface no analysis uses
    "bpf", "perf_event_open", "userfaultfd", "name_to_handle_at", "open_by_handle_at",
    "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module",
    "reboot", "swapon", "swapoff", "acct", "quotactl",
)  # fmt: skip
DENIED_SOCKET_FAMILIES = {
    "AF_NETLINK": 16,  # routing and audit sockets to the (shared) kernel
    "AF_PACKET": 17,  # raw frames
    "AF_VSOCK": 40,  # the VM's host channel: a network namespace does not cut it
}
# CVE-2017-5226 and CVE-2019-10063 (high bits set), CVE-2023-28100: typing into a terminal
DENIED_IOCTLS = {"TIOCSTI": 0x5412, "TIOCLINUX": 0x541C}
NAMESPACE_FLAGS = (  # clone() flags that create namespaces (CLONE_NEWTIME shares its bit with the exit signal)
    0x00020000,  # CLONE_NEWNS
    0x02000000,  # CLONE_NEWCGROUP
    0x04000000,  # CLONE_NEWUTS
    0x08000000,  # CLONE_NEWIPC
    0x10000000,  # CLONE_NEWUSER
    0x20000000,  # CLONE_NEWPID
    0x40000000,  # CLONE_NEWNET
)


def build_filter() -> Any:  # pyseccomp.SyscallFilter
    try:  # imported here: it loads libseccomp, and without it no sandbox may start, but labbot still imports
        import pyseccomp  # type: ignore[import-untyped]  # a single module without py.typed
    except (ImportError, OSError, AttributeError, TypeError) as error:
        raise SandboxUnavailableError(f"libseccomp cannot be loaded ({error}): apt-get install libseccomp2") from None
    denied = pyseccomp.ERRNO(errno.EPERM)
    rules = pyseccomp.SyscallFilter(pyseccomp.ALLOW)
    for name in DENIED:
        rules.add_rule(denied, name)
    rules.add_rule(pyseccomp.ERRNO(errno.ENOSYS), "clone3")
    for flag in NAMESPACE_FLAGS:
        rules.add_rule(denied, "clone", pyseccomp.Arg(0, pyseccomp.MASKED_EQ, flag, flag))
    for family in DENIED_SOCKET_FAMILIES.values():
        for call in ("socket", "socketpair"):
            rules.add_rule(pyseccomp.ERRNO(errno.EAFNOSUPPORT), call, pyseccomp.Arg(0, pyseccomp.EQ, family))
    for request in DENIED_IOCTLS.values():  # the request is an int: only its low 32 bits count (CVE-2019-10063)
        rules.add_rule(denied, "ioctl", pyseccomp.Arg(1, pyseccomp.MASKED_EQ, 0xFFFFFFFF, request))
    return rules


@functools.cache
def filter_bpf() -> bytes:
    """The filter as the BPF program bwrap's ``--seccomp`` reads (built once: it never changes)."""
    memfd = os.memfd_create("labbot-seccomp", os.MFD_CLOEXEC)
    with os.fdopen(memfd, "w+b") as buffer:
        build_filter().export_bpf(buffer)
        buffer.seek(0)
        return buffer.read()


__all__ = ["DENIED", "DENIED_IOCTLS", "DENIED_SOCKET_FAMILIES", "build_filter", "filter_bpf"]
