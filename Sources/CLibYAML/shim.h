#ifndef ISOGAP_CLIBYAML_SHIM_H
#define ISOGAP_CLIBYAML_SHIM_H
#include <yaml.h>
#endif
