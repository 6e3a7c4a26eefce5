// commands.h: pixelpipe_native subcommands that live in their own files.
#pragma once
#include "core/status.h"

namespace pixelpipe::cli {

int fail(const Status &status);  // prints "ERROR CODE: message" to stderr, returns 2
int cmd_encode(int argc, char **argv);

}  // namespace pixelpipe::cli
