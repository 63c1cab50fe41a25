/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stddef.h>

#include <vintc/vintc.h>

const char *vintc_strerror(int err)
{
    switch (err) {
    case 0:
        return "success";
    case -EINVAL:
        return "invalid argument";
    case -ENOMEM:
        return "out of memory";
    case -EFAULT:
        return "guest memory access failed";
    case -EBUSY:
        return "busy: the interrupt is already pending or its queue is full, "
               "the vCPU is not in the state the request needs, or it is in "
               "another call (a delivery running, its LRs handed out)";
    case -ENOSPC:
        return "buffer too small for the snapshot";
    case -EOPNOTSUPP:
        return "not supported by this GIC's backend (list-register calls on a "
               "CPU-interface GIC, GICC accesses on an LR-backend GIC)";
    case -ETIMEDOUT:
        return "timed out";
    case -EIO:
        return "writing to the output stream failed";
    case -EOVERFLOW:
        return "the snapshot would be larger than INT_MAX bytes";
    case -EAGAIN:
        return "try again";
    default:
        return "unknown error";
    }
}

/* A table rather than a switch: some platforms give two names one value
 * (EOPNOTSUPP and ENOTSUP on Linux), which a switch could not list. The first
 * entry with a value wins. */
static const struct {
    int err;
    const char *name;
} err_names[] = {
    { EINVAL, "EINVAL" },
    { ENOMEM, "ENOMEM" },
    { EBUSY, "EBUSY" },
    { EFAULT, "EFAULT" },
    { EOPNOTSUPP, "EOPNOTSUPP" },
    { ETIMEDOUT, "ETIMEDOUT" },
    { EIO, "EIO" },
    { ENOSPC, "ENOSPC" },
    { EAGAIN, "EAGAIN" },
    { EPERM, "EPERM" },
    { ENOENT, "ENOENT" },
    { EINTR, "EINTR" },
    { EEXIST, "EEXIST" },
    { ENODEV, "ENODEV" },
    { ERANGE, "ERANGE" },
    { EDEADLK, "EDEADLK" },
    { ENOSYS, "ENOSYS" },
    { EOVERFLOW, "EOVERFLOW" },
    { ECANCELED, "ECANCELED" },
    { EALREADY, "EALREADY" },
    { EINPROGRESS, "EINPROGRESS" },
    { EPROTO, "EPROTO" },
};

const char *vintc_err_name(int err)
{
    if (err == 0)
        return "OK";
    for (size_t i = 0; i < sizeof(err_names) / sizeof(err_names[0]); i++)
        if (err == -err_names[i].err)
            return err_names[i].name;
    return "UNKNOWN";
}
