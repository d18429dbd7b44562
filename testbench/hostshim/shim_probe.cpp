// shim_probe: a tiny host program for the shim tests. It performs the libc calls named by its
// arguments, in order, and prints one line per call, so a test can check exactly what a host tool
// would see. All calls go through the plain libc entry points (and so through the preloaded shim).
//
//   open:PATH:r|w|rw       opens PATH (the current descriptor)     -> "fd" or the errno name
//   pread:OFF:LEN          pread on the current descriptor        -> hex bytes ("" at end) or errno
//   name pwrite:OFF:HEX         pwrite                                 -> byte count or errno name
//   read:LEN, write:HEX    read/write at the current position
//   seek:OFF:set|cur|end   lseek                                  -> new position or errno name
//   dup2:FD                dup2(current, FD); FD becomes current  -> "ok" or errno name
//   close                  close(current)
//   fopen:PATH:MODE        fopen; fread:LEN reads from it; fclose
//   stat:PATH              -> "dir|file|link|other MODE SIZE" or errno name
//   access:PATH:F|R|W|X    -> "ok" or errno name
//   ls:PATH                opendir/readdir                        -> sorted names joined by ','
//   readlink:PATH          -> target or errno name
//   pid, euid              getpid(), geteuid()
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

std::vector<std::string> split(const std::string& text, char separator, size_t max_parts) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (parts.size() + 1 < max_parts) {
    const size_t end = text.find(separator, start);
    if (end == std::string::npos) break;
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  parts.push_back(text.substr(start));
  return parts;
}

std::string error_name() {
  switch (errno) {
    case ENOENT:
      return "ENOENT";
    case EACCES:
      return "EACCES";
    case EIO:
      return "EIO";
    case EBADF:
      return "EBADF";
    case EINVAL:
      return "EINVAL";
    case ENOTDIR:
      return "ENOTDIR";
    case EISDIR:
      return "EISDIR";
    case ENODEV:
      return "ENODEV";
    case EEXIST:
      return "EEXIST";
    case ENODATA:
      return "ENODATA";
    default:
      return "errno" + std::to_string(errno);
  }
}

std::string hex(const unsigned char* data, size_t size) {
  std::string text;
  char digits[3];
  for (size_t i = 0; i < size; ++i) {
    std::snprintf(digits, sizeof digits, "%02x", data[i]);
    text += digits;
  }
  return text;
}

std::vector<unsigned char> unhex(const std::string& text) {
  std::vector<unsigned char> bytes;
  for (size_t i = 0; i + 1 < text.size(); i += 2) {
    bytes.push_back(
        static_cast<unsigned char>(std::strtoul(text.substr(i, 2).c_str(), nullptr, 16)));
  }
  return bytes;
}

int open_flags(const std::string& mode) {
  if (mode == "w") return O_WRONLY;
  if (mode == "rw") return O_RDWR;
  return O_RDONLY;
}

}  // namespace

int main(int argc, char** argv) {
  int fd = -1;
  FILE* stream = nullptr;
  for (int i = 1; i < argc; ++i) {
    const std::string op = argv[i];
    const std::string verb = op.substr(0, op.find(':'));
    std::string result;
    if (verb == "open") {
      // The path may contain ':' (BDFs): the mode is the text after the last ':'.
      const std::string path = op.substr(5, op.rfind(':') - 5);
      fd = ::open(path.c_str(), open_flags(op.substr(op.rfind(':') + 1)));
      result = fd >= 0 ? "fd" : error_name();
    } else if (verb == "pread" || verb == "read") {
      const auto p = split(op, ':', 3);
      std::vector<unsigned char> buffer(std::strtoul(p.back().c_str(), nullptr, 0));
      const ssize_t got = verb == "pread" ? ::pread(fd, buffer.data(), buffer.size(),
                                                    std::strtol(p[1].c_str(), nullptr, 0))
                                          : ::read(fd, buffer.data(), buffer.size());
      result = got < 0 ? error_name() : hex(buffer.data(), static_cast<size_t>(got));
    } else if (verb == "pwrite" || verb == "write") {
      const auto p = split(op, ':', 3);
      const auto bytes = unhex(p.back());
      const ssize_t put = verb == "pwrite" ? ::pwrite(fd, bytes.data(), bytes.size(),
                                                      std::strtol(p[1].c_str(), nullptr, 0))
                                           : ::write(fd, bytes.data(), bytes.size());
      result = put < 0 ? error_name() : std::to_string(put);
    } else if (verb == "seek") {
      const auto p = split(op, ':', 3);
      const int whence = p[2] == "cur" ? SEEK_CUR : p[2] == "end" ? SEEK_END : SEEK_SET;
      const off_t position = ::lseek(fd, std::strtol(p[1].c_str(), nullptr, 0), whence);
      result = position < 0 ? error_name() : std::to_string(position);
    } else if (verb == "dup2") {
      const int target = std::atoi(op.substr(5).c_str());
      result = ::dup2(fd, target) < 0 ? error_name() : "ok";
      fd = target;
    } else if (verb == "close") {
      result = ::close(fd) < 0 ? error_name() : "ok";
    } else if (verb == "fopen") {
      const std::string path = op.substr(6, op.rfind(':') - 6);
      stream = std::fopen(path.c_str(), op.substr(op.rfind(':') + 1).c_str());
      result = stream != nullptr ? "stream" : error_name();
    } else if (verb == "fread") {
      std::vector<unsigned char> buffer(std::strtoul(op.substr(6).c_str(), nullptr, 0));
      const size_t got = std::fread(buffer.data(), 1, buffer.size(), stream);
      result = std::ferror(stream) ? "error" : hex(buffer.data(), got);
    } else if (verb == "fclose") {
      result = std::fclose(stream) == 0 ? "ok" : error_name();
    } else if (verb == "stat") {
      struct stat status {};
      if (::stat(op.substr(5).c_str(), &status) != 0) {
        result = error_name();
      } else {
        char text[64];
        std::snprintf(text, sizeof text, "%s %o %lld",
                      S_ISDIR(status.st_mode)   ? "dir"
                      : S_ISREG(status.st_mode) ? "file"
                                                : "other",
                      status.st_mode & 07777, static_cast<long long>(status.st_size));
        result = text;
      }
    } else if (verb == "access") {
      const std::string path = op.substr(7, op.rfind(':') - 7);
      const char mode = op.back();
      const int bits = mode == 'R' ? R_OK : mode == 'W' ? W_OK : mode == 'X' ? X_OK : F_OK;
      result = ::access(path.c_str(), bits) == 0 ? "ok" : error_name();
    } else if (verb == "ls") {
      DIR* dir = ::opendir(op.substr(3).c_str());
      if (dir == nullptr) {
        result = error_name();
      } else {
        std::vector<std::string> names;
        while (dirent* entry = ::readdir(dir)) names.emplace_back(entry->d_name);
        ::closedir(dir);
        std::sort(names.begin(), names.end());
        for (const auto& name : names) result += (result.empty() ? "" : ",") + name;
      }
    } else if (verb == "readlink") {
      char target[256];
      const ssize_t length = ::readlink(op.substr(9).c_str(), target, sizeof target);
      result = length < 0 ? error_name() : std::string(target, static_cast<size_t>(length));
    } else if (verb == "pid") {
      result = std::to_string(::getpid());
    } else if (verb == "euid") {
      result = std::to_string(::geteuid());
    } else {
      std::fprintf(stderr, "shim_probe: unknown operation '%s'\n", op.c_str());
      return 2;
    }
    std::printf("%s\n", result.c_str());
  }
  return 0;
}
