#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "model/card/shared_state_file.h"

namespace secnic::card {
namespace {

struct Counter {
  uint32_t value;
  uint32_t pad;
};

std::string temp_path(const char* name) {
  return (std::filesystem::temp_directory_path() /
          (std::string(name) + "." + std::to_string(::getpid())))
      .string();
}

TEST(SharedState, SurvivesAcrossMappingsAndProcesses) {
  const std::string path = temp_path("secnic_state");
  std::remove(path.c_str());
  {
    SharedState<Counter> s(path, 7);
    EXPECT_TRUE(s.was_reset());
    s.get().value = 41;
  }
  const pid_t child = ::fork();
  if (child == 0) {
    SharedState<Counter> s(path, 7);
    s.get().value += 1;
    ::_exit(s.was_reset() ? 1 : 0);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_EQ(WEXITSTATUS(status), 0);
  SharedState<Counter> s(path, 7);
  EXPECT_FALSE(s.was_reset());
  EXPECT_EQ(s.get().value, 42u);
  std::remove(path.c_str());
}

TEST(SharedState, ForeignLayoutIsReinitialised) {
  const std::string path = temp_path("secnic_state_tag");
  std::remove(path.c_str());
  {
    SharedState<Counter> s(path, 1);
    s.get().value = 99;
  }
  SharedState<Counter> other(path, 2);
  EXPECT_TRUE(other.was_reset());
  EXPECT_EQ(other.get().value, 0u);
  std::remove(path.c_str());
}

TEST(CardLock, LockUnlockIsReentrantSafe) {
  const std::string path = temp_path("secnic_lock");
  CardLock lock(path);
  lock.lock();
  lock.lock();  // already held: no deadlock
  lock.unlock();
  lock.unlock();
  std::remove(path.c_str());
}

}  // namespace
}  // namespace secnic::card

namespace secnic::card {
namespace {

TEST(CardLock, ExcludesOtherProcesses) {
  const std::string path = temp_path("secnic_lock_excl");
  const std::string marker = path + ".marker";
  std::remove(marker.c_str());
  CardLock lock(path);
  lock.lock();
  const pid_t child = ::fork();
  if (child == 0) {
    CardLock mine(path);
    mine.lock();  // blocks until the parent unlocks
    std::FILE* f = std::fopen(marker.c_str(), "w");
    if (f) std::fclose(f);
    mine.unlock();
    ::_exit(0);
  }
  ::usleep(100 * 1000);
  EXPECT_FALSE(std::filesystem::exists(marker)) << "child entered while the parent held the lock";
  lock.unlock();
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_TRUE(std::filesystem::exists(marker));
  std::remove(marker.c_str());
  std::remove(path.c_str());
}

TEST(CardLock, RecoversFromAHolderThatDied) {
  const std::string path = temp_path("secnic_lock_dead");
  const pid_t child = ::fork();
  if (child == 0) {
    CardLock mine(path);
    mine.lock();
    ::_exit(0);  // dies holding the lock, as a tool killed mid-access would
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  CardLock lock(path);
  lock.lock();
  EXPECT_TRUE(lock.owner_died());
  lock.unlock();
  lock.lock();
  EXPECT_FALSE(lock.owner_died());
  lock.unlock();
  std::remove(path.c_str());
}

}  // namespace
}  // namespace secnic::card

namespace secnic::card {
namespace {

TEST(CardLock, AZombieHolderCountsAsGone) {
  const std::string path = temp_path("secnic_lock_zombie");
  const pid_t child = ::fork();
  if (child == 0) {
    CardLock mine(path);
    mine.lock();
    ::_exit(0);  // dies holding the lock; the parent does not reap it yet: it stays a zombie
  }
  // Wait until the child has exited (still unreaped).
  siginfo_t info{};
  ASSERT_EQ(::waitid(P_PID, child, &info, WEXITED | WNOWAIT), 0);
  CardLock lock(path);
  lock.lock();
  EXPECT_TRUE(lock.owner_died());
  lock.unlock();
  ::waitpid(child, nullptr, 0);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace secnic::card
