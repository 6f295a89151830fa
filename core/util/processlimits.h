#pragma once

namespace ppl {

// Raises the soft limit of open files to the hard limit. Every simulated target is a
// listening socket plus its scrape connections, so a lab with a few hundred targets runs
// into the common default of 1024.
void raiseOpenFileLimit();

} // namespace ppl
