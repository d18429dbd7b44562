#include "firmware_model/crypto/digest.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace secnic::crypto {

const char* to_string(DigestKind kind) {
  return kind == DigestKind::kSha256 ? "SHA-256" : "SHA-512";
}

size_t digest_size(DigestKind kind) { return kind == DigestKind::kSha256 ? 32 : 64; }

std::vector<uint8_t> digest(DigestKind kind, const uint8_t* data, size_t size) {
  std::vector<uint8_t> out(digest_size(kind));
  unsigned int len = 0;
  const EVP_MD* md = kind == DigestKind::kSha256 ? EVP_sha256() : EVP_sha512();
  // A one-shot digest over memory cannot fail for bad input; a failure is a broken OpenSSL.
  if (EVP_Digest(data, size, out.data(), &len, md, nullptr) != 1 || len != out.size()) {
    throw std::runtime_error("OpenSSL EVP_Digest failed");
  }
  return out;
}

struct DigestStream::Context {
  EVP_MD_CTX* ctx = nullptr;
};

namespace {
void init_or_throw(EVP_MD_CTX* ctx, DigestKind kind) {
  const EVP_MD* md = kind == DigestKind::kSha256 ? EVP_sha256() : EVP_sha512();
  if (ctx == nullptr || EVP_DigestInit_ex(ctx, md, nullptr) != 1) {
    throw std::runtime_error("OpenSSL digest initialisation failed");
  }
}
}  // namespace

DigestStream::DigestStream(DigestKind kind) : m_kind(kind), m_ctx(new Context) {
  m_ctx->ctx = EVP_MD_CTX_new();
  init_or_throw(m_ctx->ctx, kind);
}

DigestStream::~DigestStream() { EVP_MD_CTX_free(m_ctx->ctx); }

void DigestStream::update(const uint8_t* data, size_t size) {
  if (EVP_DigestUpdate(m_ctx->ctx, data, size) != 1) {
    throw std::runtime_error("OpenSSL EVP_DigestUpdate failed");
  }
}

std::vector<uint8_t> DigestStream::finish() {
  std::vector<uint8_t> out(digest_size(m_kind));
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(m_ctx->ctx, out.data(), &len) != 1 || len != out.size()) {
    throw std::runtime_error("OpenSSL EVP_DigestFinal_ex failed");
  }
  init_or_throw(m_ctx->ctx, m_kind);
  return out;
}

}  // namespace secnic::crypto
