/* SPDX-License-Identifier: MIT */
/* Human-readable pending state, in delivery priority order. */
#include "s390/core/vm.h"

#include <errno.h>

static int dump_sources(FILE *out, const char *name, unsigned code,
                        const uint64_t set[4])
{
    int rc = 0;
    for (unsigned s = 0; s < 256; s++)
        if (set[s / 64] & (UINT64_C(1) << (s % 64)))
            rc |= fprintf(out, "  %-18s code 0x%04x src_cpu %u\n", name, code,
                          s) < 0;
    return rc;
}

static int dump_fifo(FILE *out, const char *name, const struct s390_fifo *q,
                     bool io)
{
    int rc = 0;
    for (uint32_t i = 0; i < q->count; i++) {
        const struct s390_fifo_entry *e = s390i_fifo_at(q, i);
        if (io)
            rc |= fprintf(out,
                          "  %-18s schid 0x%04x schnr 0x%04x parm 0x%08x word "
                          "0x%08x\n",
                          name, e->id, e->nr, e->param, e->word) < 0;
        else
            rc |= fprintf(out, "  %-18s param 0x%08x param64 0x%016llx\n", name,
                          e->param, (unsigned long long)e->param64) < 0;
    }
    return rc;
}

static int dump_mchk(FILE *out, const char *name,
                     const struct s390_mchk_slot *m)
{
    if (!m->mcic)
        return 0;
    return fprintf(
               out,
               "  %-18s mcic 0x%016llx ext_damage 0x%08x failing 0x%016llx\n",
               name, (unsigned long long)m->mcic, m->ext_damage,
               (unsigned long long)m->failing_addr) < 0;
}

static int dump_float(FILE *out, const struct s390_float *f)
{
    int rc = fprintf(out, "floating: %u queued\n", f->count) < 0;
    rc |= dump_mchk(out, "mchk-float", &f->mchk);
    if (f->service_inflight)
        rc |= fprintf(out, "  %-18s param 0x%08x (being delivered)\n",
                      "service", f->service_inflight_param) < 0;
    if (f->service_pending)
        rc |= fprintf(out, "  %-18s param 0x%08x\n", "service",
                      f->service_param) < 0;
    rc |= dump_fifo(out, "pfault-done", &f->pfault_done, false);
    rc |= dump_fifo(out, "virtio", &f->virtio, false);
    for (unsigned isc = 0; isc < 8; isc++) {
        char name[16] = "io-isc0";
        name[6] = (char)('0' + isc);
        rc |= dump_fifo(out, name, &f->io[isc], true);
    }
    return rc;
}

static int dump_vcpu(FILE *out, unsigned cpu, const struct s390_vcpu *v)
{
    const struct s390_local *l = &v->local;
    uint32_t p = s390i_load(&l->pending);
    int rc = fprintf(out, "cpu %u:%s%s%s%s\n", cpu,
                     s390i_stopped(v) ? " stopped" : " operating",
                     v->stop_pending
                         ? (v->stop_store_status ? " stop+store-status-pending"
                                                 : " stop-pending")
                         : "",
                     v->store_status_owed ? " store-status-owed" : "",
                     v->waiting
                         ? (v->disabled_wait ? " disabled-wait" : " waiting")
                         : "") < 0;
    if (v->prefix_pending)
        rc |= fprintf(out, "  %-18s address 0x%08x\n", "set-prefix",
                      v->new_prefix) < 0;
    if (p & (PBM(PB_MCHK_EXIGENT) | PBM(PB_MCHK_REP)))
        rc |= dump_mchk(out, p & PBM(PB_MCHK_EXIGENT) ? "mchk-exigent" : "mchk",
                        &l->mchk);
    if (p & PBM(PB_SVC))
        rc |= fprintf(out, "  %-18s code 0x%04x ilc %u\n", "svc",
                      l->svc.u.svc.code, l->svc.u.svc.ilc) < 0;
    if (p & PBM(PB_PROGRAM))
        rc |= fprintf(out, "  %-18s code 0x%04x ilc %u\n", "program",
                      l->pgm.u.pgm.code, l->pgm.u.pgm.ilc) < 0;
    rc |= dump_sources(out, "malfunction-alert", 0x1200, l->malf);
    rc |= dump_sources(out, "emergency", 0x1201, l->emerg);
    if (p & PBM(PB_EXTCALL))
        rc |= fprintf(out, "  %-18s code 0x1202 src_cpu %u\n", "external-call",
                      l->extcall_src) < 0;
    rc |= dump_fifo(out, "pfault-init", &l->pfault_init, false);
    if (p & PBM(PB_RESTART))
        rc |= fprintf(out, "  %-18s\n", "restart") < 0;
    return rc;
}

int s390_dump(struct s390_vm *vm, FILE *out)
{
    if (!vm || !out)
        return -EINVAL;
    vintc_lock(&vm->lock);
    int rc = dump_float(out, &vm->flt);
    for (unsigned i = 0; i < vm->nr_cpus; i++)
        rc |= dump_vcpu(out, i, &vm->cpus[i]);
    vintc_unlock(&vm->lock);
    return rc ? -EIO : 0;
}
