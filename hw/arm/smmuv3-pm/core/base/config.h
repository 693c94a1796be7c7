/*
 * arm-smmuv3-pm core: implementation configuration
 *
 * Everything a user may vary about the modelled SMMU (what the ID registers
 * advertise, reset values that the architecture leaves IMPLEMENTATION
 * DEFINED) lives in SmmuPmConfig.  The QEMU binding fills it from device
 * properties; a "model" preset supplies the identity registers and the
 * defaults for whatever the user left unset.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_CONFIG_H
#define SMMUV3_PM_CORE_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

typedef enum SmmuPmModel {
    SMMU_PM_MODEL_GENERIC,
    SMMU_PM_MODEL_MMU600,
    SMMU_PM_MODEL_MMU700,
    SMMU_PM_MODEL__MAX,
} SmmuPmModel;

typedef enum SmmuPmStage {
    SMMU_PM_STAGE_S1,
    SMMU_PM_STAGE_S2,
    SMMU_PM_STAGE_NESTED,
    SMMU_PM_STAGE__MAX,
} SmmuPmStage;

/* Values are the IDR0.STALL_MODEL encoding */
typedef enum SmmuPmStallModel {
    SMMU_PM_STALL_STALL = 0,    /* stall and terminate both supported */
    SMMU_PM_STALL_NONE = 1,     /* stall not supported */
    SMMU_PM_STALL_FORCE = 2,    /* stall forced for all faults */
    SMMU_PM_STALL__MAX,
} SmmuPmStallModel;

/* Values are the IDR0.HTTU encoding */
typedef enum SmmuPmHttu {
    SMMU_PM_HTTU_NONE = 0,
    SMMU_PM_HTTU_A = 1,         /* access flag */
    SMMU_PM_HTTU_AD = 2,        /* access flag and dirty state */
    SMMU_PM_HTTU__MAX,
} SmmuPmHttu;

/* Values are the GBPA.ABORT encoding */
typedef enum SmmuPmGbpaReset {
    SMMU_PM_GBPA_BYPASS = 0,
    SMMU_PM_GBPA_ABORT = 1,
    SMMU_PM_GBPA__MAX,
} SmmuPmGbpaReset;

enum {
    SMMU_PM_GRAN_4K = 1 << 0,
    SMMU_PM_GRAN_16K = 1 << 1,
    SMMU_PM_GRAN_64K = 1 << 2,
    SMMU_PM_GRAN_ALL = 7,
};

/* Architectural limits of the IDR1 size fields */
#define SMMU_PM_SIDSIZE_MAX     32
#define SMMU_PM_SSIDSIZE_MAX    20
#define SMMU_PM_QS_MAX          19

typedef struct SmmuPmConfig {
    SmmuPmModel model;
    SmmuPmStage stage;
    unsigned oas_bits;          /* 32, 36, 40, 42, 44, 48 or 52 */
    unsigned sidsize;
    unsigned ssidsize;
    unsigned cmdqs;             /* log2 of the maximum number of entries */
    unsigned eventqs;
    unsigned priqs;
    bool msi;
    bool ats;
    bool pri;
    bool ril;
    SmmuPmStallModel stall_model;
    SmmuPmHttu httu;
    unsigned granules;          /* SMMU_PM_GRAN_* */
    SmmuPmGbpaReset gbpa_reset;
} SmmuPmConfig;

/*
 * The user's choices before the preset is applied: a field is "unset"
 * when it holds SMMU_PM_UNSET (integers/enums) or has its *_set flag clear.
 */
#define SMMU_PM_UNSET   (-1)

typedef struct SmmuPmUserConfig {
    const char *model;          /* NULL: "generic" */
    const char *stage;          /* NULL: the model's default */
    const char *stall_model;
    const char *httu;
    const char *granules;       /* comma-separated list of 4k, 16k, 64k */
    const char *gbpa_reset;
    int oas;                    /* SMMU_PM_UNSET: the model's default */
    int sidsize;
    int ssidsize;
    int cmdqs;
    int eventqs;
    int priqs;
    int msi;                    /* SMMU_PM_UNSET, 0 or 1 */
    int ats;
    int pri;
    int ril;
} SmmuPmUserConfig;

/* Identity of a model preset */
typedef struct SmmuPmIdentity {
    uint32_t iidr;
    uint32_t aidr;
    uint8_t pidr[8];            /* PIDR0..PIDR7 */
} SmmuPmIdentity;

/* Reset a SmmuPmUserConfig to "everything unset" */
void smmu_pm_user_config_init(SmmuPmUserConfig *user);

/*
 * Resolve @user against its model preset into @cfg and validate it.
 * Returns true on success; on failure returns false and sets *@errmsg to a
 * newly allocated message (g_free it) naming the offending property and
 * its valid values.
 */
bool smmu_pm_config_resolve(const SmmuPmUserConfig *user, SmmuPmConfig *cfg,
                            char **errmsg);

const SmmuPmIdentity *smmu_pm_model_identity(SmmuPmModel model);
const char *smmu_pm_model_name(SmmuPmModel model);

/* The property values' names (NULL beyond the last value) */
const char *smmu_pm_stage_name(SmmuPmStage stage);
const char *smmu_pm_stall_model_name(SmmuPmStallModel model);
const char *smmu_pm_httu_name(SmmuPmHttu httu);
const char *smmu_pm_gbpa_reset_name(SmmuPmGbpaReset gbpa);

/* Encode/decode the IDR5.OAS field; -1 for an invalid size */
int smmu_pm_oas_encode(unsigned oas_bits);
unsigned smmu_pm_oas_bits(unsigned oas_field);

/* ID register values advertised for @cfg */
uint32_t smmu_pm_build_idr0(const SmmuPmConfig *cfg);
uint32_t smmu_pm_build_idr1(const SmmuPmConfig *cfg);
uint32_t smmu_pm_build_idr3(const SmmuPmConfig *cfg);
uint32_t smmu_pm_build_idr5(const SmmuPmConfig *cfg);

#endif /* SMMUV3_PM_CORE_CONFIG_H */
