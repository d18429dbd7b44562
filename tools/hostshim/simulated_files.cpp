#include "tools/hostshim/simulated_files.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <functional>
#include <string>

#include "tlm/hostlink/pci_header.h"

namespace secnic::hostshim {
namespace {

constexpr dev_t kSimulatedDevice = 0x5ec0;  // st_dev of every simulated node
constexpr off_t kAttributeSize = 4096;      // what sysfs reports for attribute files

struct AccessMode {
  bool readable = false;
  bool writable = false;
};

AccessMode access_mode_of_flags(int flags) {
  switch (flags & O_ACCMODE) {
    case O_RDONLY:
      return {true, false};
    case O_WRONLY:
      return {false, true};
    default:
      return {true, true};
  }
}

// fopen modes: "r", "w", "a", optionally with "+", "b", "e", "x", "m", "c".
bool parse_stdio_mode(const char* mode, AccessMode& access, bool& cloexec) {
  if (mode == nullptr) return false;
  switch (mode[0]) {
    case 'r':
      access = {true, false};
      break;
    case 'w':
    case 'a':
      access = {false, true};
      break;
    default:
      return false;
  }
  cloexec = false;
  for (const char* c = mode + 1; *c != '\0' && *c != ','; ++c) {
    if (*c == '+') access = {true, true};
    if (*c == 'e') cloexec = true;
  }
  return true;
}

int fail(int error) {
  errno = error;
  return -1;
}

// A memfd holding `content`, positioned at 0.
int text_descriptor(const std::string& content, bool cloexec) {
  const int fd = ::memfd_create("secnic-sysfs-attribute", cloexec ? MFD_CLOEXEC : 0);
  if (fd < 0) return -1;
  size_t done = 0;
  while (done < content.size()) {
    const ssize_t written =
        ::pwrite(fd, content.data() + done, content.size() - done, static_cast<off_t>(done));
    if (written <= 0) {
      const int error = errno;
      ::close(fd);
      return fail(written < 0 ? error : EIO);
    }
    done += static_cast<size_t>(written);
  }
  return fd;
}

std::string attribute_text(const ResolvedPath& path) {
  SimulatedFunction& function = path.function();
  const SimulatedFunction::Header header = function.header();
  return path.node.attribute->render(header.data(), function.address());
}

// A descriptor below OpenConfigFiles::kMaxDescriptor (closing `fd` if it had to move it).
int trackable_descriptor(int fd, bool cloexec) {
  if (fd < OpenConfigFiles::kMaxDescriptor) return fd;
  const int low = ::fcntl(fd, cloexec ? F_DUPFD_CLOEXEC : F_DUPFD, 0);
  const int error = errno;
  ::close(fd);
  if (low < 0) return fail(error);
  if (low >= OpenConfigFiles::kMaxDescriptor) {
    ::close(low);
    return fail(EMFILE);
  }
  return low;
}

int open_config(const ResolvedPath& path, AccessMode access, bool cloexec) {
  if (!path.function().available()) return fail(ENODEV);
  int fd = ::memfd_create("secnic-pci-config", cloexec ? MFD_CLOEXEC : 0);
  if (fd < 0) return -1;
  // Sized like the sysfs file (stat shows 4096); its bytes are never used: every I/O call is
  // answered live.
  if (::ftruncate(fd, hostlink::kConfigSpaceSize) != 0) {
    const int error = errno;
    ::close(fd);
    return fail(error);
  }
  fd = trackable_descriptor(fd, cloexec);
  if (fd < 0) return -1;
  auto* file = new OpenConfigFile;
  file->function = &path.function();
  file->readable = access.readable;
  file->writable = access.writable;
  open_config_files().add(fd, file);
  return fd;
}

// fopencookie callbacks for a config stream.
ssize_t cookie_read(void* cookie, char* buffer, size_t size) {
  return config_read(*static_cast<OpenConfigFile*>(cookie), buffer, size);
}
ssize_t cookie_write(void* cookie, const char* buffer, size_t size) {
  const ssize_t written = config_write(*static_cast<OpenConfigFile*>(cookie), buffer, size);
  return written < 0 ? 0 : written;  // stdio treats 0 as an error
}
int cookie_seek(void* cookie, off64_t* offset, int whence) {
  const int64_t position = config_seek(*static_cast<OpenConfigFile*>(cookie), *offset, whence);
  if (position < 0) return -1;
  *offset = position;
  return 0;
}
int cookie_close(void* cookie) {
  delete static_cast<OpenConfigFile*>(cookie);
  return 0;
}

struct NodeStatus {
  mode_t mode;
  nlink_t links;
  off_t size;
  ino_t inode;
};

bool node_status(const ResolvedPath& path, NodeStatus& status) {
  const std::string& entry = path.bus->paths().entry_name(path.node.function);
  const auto inode = [&](const char* file) {
    return static_cast<ino_t>(std::hash<std::string>{}(entry + "/" + file) | 1);
  };
  switch (path.node.kind) {
    case SysfsNodeKind::kFunctionDirectory:
      status = {S_IFDIR | 0755, 2, 0, inode("")};
      return true;
    case SysfsNodeKind::kFunctionConfig:
      status = {S_IFREG | 0644, 1, hostlink::kConfigSpaceSize, inode("config")};
      return true;
    case SysfsNodeKind::kFunctionAttribute:
      status = {S_IFREG | 0444, 1, kAttributeSize, inode(path.node.attribute->name)};
      return true;
    default:
      errno = ENOENT;
      return false;
  }
}

time_t shim_start_time() {
  static const time_t start = std::time(nullptr);
  return start;
}

}  // namespace

int open_node(const ResolvedPath& path, int flags) {
  const AccessMode access = access_mode_of_flags(flags);
  const bool cloexec = (flags & O_CLOEXEC) != 0;
  const bool exclusive_create = (flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL);
  switch (path.node.kind) {
    case SysfsNodeKind::kFunctionConfig:
      if ((flags & O_DIRECTORY) != 0) return fail(ENOTDIR);
      if (exclusive_create) return fail(EEXIST);
      return open_config(path, access, cloexec);
    case SysfsNodeKind::kFunctionAttribute:
      if ((flags & O_DIRECTORY) != 0) return fail(ENOTDIR);
      if (exclusive_create) return fail(EEXIST);
      if (access.writable) return fail(EACCES);
      return text_descriptor(attribute_text(path), cloexec);
    case SysfsNodeKind::kFunctionDirectory:
      return fail(EACCES);  // listable with opendir, not openable as a descriptor
    default:
      return fail(ENOENT);
  }
}

FILE* fopen_node(const ResolvedPath& path, const char* mode) {
  AccessMode access;
  bool cloexec = false;
  if (!parse_stdio_mode(mode, access, cloexec)) {
    errno = EINVAL;
    return nullptr;
  }
  switch (path.node.kind) {
    case SysfsNodeKind::kFunctionConfig: {
      if (!path.function().available()) {
        errno = ENODEV;
        return nullptr;
      }
      auto* file = new OpenConfigFile;
      file->function = &path.function();
      file->readable = access.readable;
      file->writable = access.writable;
      const cookie_io_functions_t callbacks{cookie_read, cookie_write, cookie_seek, cookie_close};
      FILE* stream = ::fopencookie(file, mode, callbacks);
      if (stream == nullptr) delete file;
      return stream;
    }
    case SysfsNodeKind::kFunctionAttribute: {
      if (access.writable) {
        errno = EACCES;
        return nullptr;
      }
      const int fd = text_descriptor(attribute_text(path), cloexec);
      if (fd < 0) return nullptr;
      FILE* stream = ::fdopen(fd, "r");
      if (stream == nullptr) {
        const int error = errno;
        ::close(fd);
        errno = error;
      }
      return stream;
    }
    case SysfsNodeKind::kFunctionDirectory:
      errno = EISDIR;
      return nullptr;
    default:
      errno = ENOENT;
      return nullptr;
  }
}

int access_node(const ResolvedPath& path, int mode) {
  NodeStatus status;
  if (!node_status(path, status)) return -1;
  const bool directory = S_ISDIR(status.mode);
  if ((mode & W_OK) != 0 && path.node.kind == SysfsNodeKind::kFunctionAttribute)
    return fail(EACCES);
  if ((mode & X_OK) != 0 && !directory) return fail(EACCES);
  return 0;
}

int stat_node(const ResolvedPath& path, struct stat* out) {
  NodeStatus status;
  if (!node_status(path, status)) return -1;
  if (out == nullptr) return fail(EFAULT);
  std::memset(out, 0, sizeof *out);
  out->st_dev = kSimulatedDevice;
  out->st_ino = status.inode;
  out->st_mode = status.mode;
  out->st_nlink = status.links;
  out->st_size = status.size;
  out->st_blksize = 4096;
  out->st_atime = out->st_mtime = out->st_ctime = shim_start_time();
  return 0;
}

int statx_node(const ResolvedPath& path, struct statx* out) {
  NodeStatus status;
  if (!node_status(path, status)) return -1;
  if (out == nullptr) return fail(EFAULT);
  std::memset(out, 0, sizeof *out);
  out->stx_mask = STATX_BASIC_STATS;
  out->stx_blksize = 4096;
  out->stx_nlink = static_cast<uint32_t>(status.links);
  out->stx_mode = static_cast<uint16_t>(status.mode);
  out->stx_ino = status.inode;
  out->stx_size = static_cast<uint64_t>(status.size);
  const time_t start = shim_start_time();
  out->stx_atime.tv_sec = out->stx_mtime.tv_sec = out->stx_ctime.tv_sec = start;
  out->stx_dev_major = 0;
  out->stx_dev_minor = kSimulatedDevice;
  return 0;
}

ssize_t readlink_node(const ResolvedPath& path) {
  NodeStatus status;
  if (!node_status(path, status)) return -1;
  return fail(EINVAL);  // simulated nodes are not symbolic links
}

ssize_t getxattr_node(const ResolvedPath& path) {
  NodeStatus status;
  if (!node_status(path, status)) return -1;
  return fail(ENODATA);
}

ssize_t listxattr_node(const ResolvedPath& path) {
  NodeStatus status;
  return node_status(path, status) ? 0 : -1;
}

ssize_t config_pread(OpenConfigFile& file, void* buffer, size_t length, int64_t offset) {
  if (!file.readable) return fail(EBADF);
  if (offset < 0) return fail(EINVAL);
  const long done = file.function->read_bytes(static_cast<uint64_t>(offset), buffer, length);
  return done < 0 ? fail(EIO) : done;
}

ssize_t config_pwrite(OpenConfigFile& file, const void* buffer, size_t length, int64_t offset) {
  if (!file.writable) return fail(EBADF);
  if (offset < 0) return fail(EINVAL);
  const long done = file.function->write_bytes(static_cast<uint64_t>(offset), buffer, length);
  return done < 0 ? fail(EIO) : done;
}

ssize_t config_read(OpenConfigFile& file, void* buffer, size_t length) {
  const ssize_t done = config_pread(file, buffer, length, file.position.load());
  if (done > 0) file.position.fetch_add(done);
  return done;
}

ssize_t config_write(OpenConfigFile& file, const void* buffer, size_t length) {
  const ssize_t done = config_pwrite(file, buffer, length, file.position.load());
  if (done > 0) file.position.fetch_add(done);
  return done;
}

int64_t config_seek(OpenConfigFile& file, int64_t offset, int whence) {
  int64_t base = 0;
  switch (whence) {
    case SEEK_SET:
      break;
    case SEEK_CUR:
      base = file.position.load();
      break;
    case SEEK_END:
      base = hostlink::kConfigSpaceSize;
      break;
    default:
      return fail(EINVAL);
  }
  if ((offset > 0 && base > INT64_MAX - offset) || base + offset < 0) return fail(EINVAL);
  file.position.store(base + offset);
  return base + offset;
}

}  // namespace secnic::hostshim
