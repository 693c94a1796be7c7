#include "trace/trace-hw_misc_smmu_dma_master.h"
