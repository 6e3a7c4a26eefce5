// commands.h: pixelpipe_native subcommands that live in their own files (shared helpers: cli_io.h).
#pragma once
#include "core/status.h"

namespace pixelpipe::cli {

int cmd_encode(int argc, char **argv);

}  // namespace pixelpipe::cli
