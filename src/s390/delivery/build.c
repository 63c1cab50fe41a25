/* SPDX-License-Identifier: MIT */
/* What each interruption stores in the lowcore (PoP chapter 3, "Assigned
 * Storage Locations", and chapter 6, "Interruptions"):
 * codes and parameters, then the old PSW. The new PSW offset is returned so
 * the caller can fetch it before anything is written. */
#include "s390/delivery/build.h"

#include "s390/cpu_control/status.h"

static void put_old_psw(struct lc_store *s, unsigned off,
                        const struct s390_psw *psw)
{
    lc_put64(s, off, psw->mask);
    lc_put64(s, off + 8, psw->addr);
}

static void build_external(struct lc_store *s, const struct s390_item *it,
                           struct s390_delivery *d)
{
    const struct s390_irq *irq = &it->irq;
    uint16_t cpu_addr = 0;
    bool param = false, param64 = false;
    switch (it->bit) {
    case PB_MALFUNC:
        d->code = 0x1200;
        cpu_addr = irq->u.ext.src_cpu;
        break;
    case PB_EMERGENCY:
        d->code = 0x1201;
        cpu_addr = irq->u.ext.src_cpu;
        break;
    case PB_EXTCALL:
        d->code = 0x1202;
        cpu_addr = irq->u.ext.src_cpu;
        break;
    case PB_CKC:
        d->code = 0x1004;
        break;
    case PB_CPU_TIMER:
        d->code = 0x1005;
        break;
    case PB_SERVICE:
        d->code = 0x2401;
        param = true;
        break;
    case PB_PFAULT_INIT:
        d->code = 0x2603;
        cpu_addr = 0x0600;
        param = param64 = true;
        break;
    case PB_PFAULT_DONE:
        d->code = 0x2603;
        cpu_addr = 0x0680;
        param = param64 = true;
        break;
    default: /* PB_VIRTIO */
        d->code = 0x2603;
        cpu_addr = 0x0D00;
        param = param64 = true;
        break;
    }
    if (param)
        lc_put32(s, VINTC_S390_LC_EXT_PARAM, irq->u.ext.param);
    lc_put16(s, VINTC_S390_LC_EXT_CPU_ADDR, cpu_addr);
    lc_put16(s, VINTC_S390_LC_EXT_INT_CODE, (uint16_t)d->code);
    if (param64)
        lc_put64(s, VINTC_S390_LC_EXT_PARAMS2, irq->u.ext.param64);
    d->old_off = VINTC_S390_LC_EXT_OLD_PSW;
    d->new_off = VINTC_S390_LC_EXT_NEW_PSW;
}

/* Identification fields a program interruption stores, by exception code
 * (the low 7 bits) - PoP chapter 6, "Program-Interruption Conditions";
 * KVM __deliver_prog and Hercules program_interrupt store the same. */
enum { PF_TEID = 1, PF_EXC_ID = 2, PF_OP_ID = 4, PF_DXC = 8, PF_MON = 16 };

static unsigned program_fields(unsigned exc)
{
    switch (exc) {
    case 0x04: /* protection */
        return PF_TEID | PF_EXC_ID;
    case 0x07: /* data */
    case 0x1B: /* vector processing */
        return PF_DXC;
    case 0x10:
    case 0x11: /* segment, page translation */
    case 0x38:
    case 0x39:
    case 0x3A:
    case 0x3B: /* ASCE type, region */
        return PF_TEID | PF_EXC_ID | PF_OP_ID;
    case 0x1C: /* space-switch event */
    case 0x20:
    case 0x21:
    case 0x22:
    case 0x23: /* AFX, ASX, LX, EX */
    case 0x24:
    case 0x25: /* primary, secondary authority */
    case 0x26:
    case 0x27: /* LFX, LSX translation */
    case 0x2E: /* LSTE sequence */
        return PF_TEID;
    /* Access-register translation: ALEN translation, ALE sequence, ASTE
     * validity, ASTE sequence, extended authority, ASTE instance. Not ALET
     * specification (0x28): KVM and Hercules store no access id for it. */
    case 0x29:
    case 0x2A:
    case 0x2B:
    case 0x2C:
    case 0x2D:
    case 0x2F:
        return PF_EXC_ID;
    case 0x40: /* monitor event */
        return PF_MON;
    default:
        return 0;
    }
}

/* Program-interruption fields beyond ILC and code, chosen by the exception
 * code and the PER bit 0x80, added in address order. */
static void build_program(struct lc_store *s, const struct s390_item *it,
                          const struct s390_cpu_state *st,
                          struct s390_delivery *d)
{
    const struct s390_irq *q = &it->irq;
#define p (&q->u.pgm)
    unsigned fl = program_fields(p->code & 0x7Fu);
    bool per = (p->code & 0x80u) != 0;
    d->code = p->code;
    lc_put16(s, VINTC_S390_LC_PGM_ILC, p->ilc);
    lc_put16(s, VINTC_S390_LC_PGM_CODE, p->code);
    if (fl & PF_DXC)
        lc_put32(s, VINTC_S390_LC_DATA_EXC_CODE, p->data_exc_code);
    if (fl & PF_MON)
        lc_put16(s, VINTC_S390_LC_MON_CLASS_NR, p->mon_class_nr);
    if (per) {
        lc_put8(s, VINTC_S390_LC_PER_CODE, p->per_code);
        lc_put8(s, VINTC_S390_LC_PER_ATMID, p->per_atmid);
        lc_put64(s, VINTC_S390_LC_PER_ADDRESS, p->per_address);
    }
    if (fl & PF_EXC_ID)
        lc_put8(s, VINTC_S390_LC_EXC_ACCESS_ID, p->exc_access_id);
    if (per)
        lc_put8(s, VINTC_S390_LC_PER_ACCESS_ID, p->per_access_id);
    if (fl & PF_OP_ID)
        lc_put8(s, VINTC_S390_LC_OP_ACCESS_ID, p->op_access_id);
    if (fl & PF_TEID)
        lc_put64(s, VINTC_S390_LC_TRANS_EXC_CODE, p->trans_exc_code);
    if (fl & PF_MON)
        lc_put64(s, VINTC_S390_LC_MON_CODE, p->mon_code);
    lc_put64(s, VINTC_S390_LC_BEAR, st->bear);
    d->old_off = VINTC_S390_LC_PGM_OLD_PSW;
    d->new_off = VINTC_S390_LC_PGM_NEW_PSW;
#undef p
}

void s390i_build(struct lc_store *s, const struct s390_item *it,
                 const struct s390_cpu_state *st, uint32_t prefix,
                 struct s390_delivery *d)
{
    s->n = 0;
    d->code = 0;
    switch (it->bit) {
    case PB_MCHK_EXIGENT:
    case PB_MCHK_REP:
    case PB_MCHK_FLOAT:
        s390i_put_save_areas(s, st, prefix, false);
        lc_put8(s, VINTC_S390_LC_AR_MODE_ID, 1);
        lc_put64(s, VINTC_S390_LC_MCCK_CODE, it->irq.u.mchk.mcic);
        lc_put32(s, VINTC_S390_LC_EXT_DAMAGE_CODE, it->irq.u.mchk.ext_damage);
        lc_put64(s, VINTC_S390_LC_MCCK_FAIL_ADDR, it->irq.u.mchk.failing_addr);
        d->old_off = VINTC_S390_LC_MCCK_OLD_PSW;
        d->new_off = VINTC_S390_LC_MCCK_NEW_PSW;
        break;
    case PB_SVC:
        d->code = it->irq.u.svc.code;
        lc_put16(s, VINTC_S390_LC_SVC_ILC, it->irq.u.svc.ilc);
        lc_put16(s, VINTC_S390_LC_SVC_CODE, it->irq.u.svc.code);
        d->old_off = VINTC_S390_LC_SVC_OLD_PSW;
        d->new_off = VINTC_S390_LC_SVC_NEW_PSW;
        break;
    case PB_PROGRAM:
        build_program(s, it, st, d);
        break;
    case PB_RESTART:
        d->old_off = VINTC_S390_LC_RESTART_OLD_PSW;
        d->new_off = VINTC_S390_LC_RESTART_NEW_PSW;
        break;
    default:
        if (it->bit >= PB_IO0 && it->bit <= PB_IO7) {
            const struct s390_irq *irq = &it->irq;
            d->code = irq->u.io.word;
            lc_put16(s, VINTC_S390_LC_SUBCHANNEL_ID, irq->u.io.subchannel_id);
            lc_put16(s, VINTC_S390_LC_SUBCHANNEL_NR, irq->u.io.subchannel_nr);
            lc_put32(s, VINTC_S390_LC_IO_INT_PARM, irq->u.io.parm);
            lc_put32(s, VINTC_S390_LC_IO_INT_WORD, irq->u.io.word);
            d->old_off = VINTC_S390_LC_IO_OLD_PSW;
            d->new_off = VINTC_S390_LC_IO_NEW_PSW;
        } else {
            build_external(s, it, d);
        }
        break;
    }
    put_old_psw(s, d->old_off, &st->psw);
}
