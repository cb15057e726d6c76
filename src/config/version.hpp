// Which build this is, so that a lesson can say which version it was written for.
#pragma once

namespace bp {

// The project's version plus the git commit the build was configured from, when there was
// one, marked -dirty when tracked files had changes not committed: "0.1.0 (git 1a2b3c4d5e)",
// "0.1.0 (git 1a2b3c4d5e-dirty)", or "0.1.0" (cmake/version.cmake writes it).
const char* version();

}  // namespace bp
