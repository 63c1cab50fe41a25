/* SPDX-License-Identifier: MIT */
#include <errno.h>

#include <vintc/vintc.h>

const char *vintc_strerror(int err)
{
    switch (err) {
    case 0:            return "success";
    case -EINVAL:      return "invalid argument";
    case -ENOMEM:      return "out of memory";
    case -EFAULT:      return "guest memory access failed";
    case -EBUSY:       return "busy: an interrupt of this kind is already pending or the queue is full";
    case -ENOSPC:      return "no space left";
    case -EOPNOTSUPP:  return "operation not supported";
    case -ETIMEDOUT:   return "timed out";
    case -EIO:         return "input/output error";
    case -EAGAIN:      return "try again";
    default:           return "unknown error";
    }
}
