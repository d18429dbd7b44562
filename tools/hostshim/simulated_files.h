// What the simulated sysfs nodes do for each libc call the shim hooks. Every function returns what
// the libc call would (setting errno on failure); the hooks decide whether a call is for a
// simulated node at all.
#pragma once

#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <cstdint>

#include "tools/hostshim/open_config_files.h"
#include "tools/hostshim/path_resolution.h"

struct statx;

namespace secnic::hostshim {

// open/openat: a config node gives a tracked descriptor, an attribute a memfd holding its text.
int open_node(const ResolvedPath& path, int flags);
// fopen: a config node gives a stream served live through fopencookie, an attribute a stream on its
// text.
FILE* fopen_node(const ResolvedPath& path, const char* mode);
int access_node(const ResolvedPath& path, int mode);
int stat_node(const ResolvedPath& path, struct stat* out);
int statx_node(const ResolvedPath& path, struct statx* out);
ssize_t readlink_node(const ResolvedPath& path);
// getxattr/listxattr: simulated nodes have no extended attributes (ENODATA; an empty list).
ssize_t getxattr_node(const ResolvedPath& path);
ssize_t listxattr_node(const ResolvedPath& path);

// I/O on a tracked config descriptor (pread/pwrite take an explicit offset, read/write use the
// position).
ssize_t config_pread(OpenConfigFile& file, void* buffer, size_t length, int64_t offset);
ssize_t config_pwrite(OpenConfigFile& file, const void* buffer, size_t length, int64_t offset);
ssize_t config_read(OpenConfigFile& file, void* buffer, size_t length);
ssize_t config_write(OpenConfigFile& file, const void* buffer, size_t length);
int64_t config_seek(OpenConfigFile& file, int64_t offset, int whence);

}  // namespace secnic::hostshim
