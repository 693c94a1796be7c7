#include "trace/trace-hw_misc_arm_scmi_power.h"
