// Certificates made at test time with OpenSSL's API (nothing committed, no openssl command):
// a test CA, and server certificates it signs (or that sign themselves) for chosen names.
#pragma once

#include <filesystem>
#include <memory>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <string>

namespace waconsole::testing {

struct KeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CertificateFree {
    void operator()(X509* certificate) const { X509_free(certificate); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;
using Certificate = std::unique_ptr<X509, CertificateFree>;

struct KeyAndCertificate {
    Key key;
    Certificate certificate;
};

// A CA certificate (basicConstraints CA:TRUE) with a new P-256 key.
KeyAndCertificate make_test_ca(const std::string& common_name);
// A server certificate for `subject_alt_names` (e.g. "IP:127.0.0.1,DNS:localhost"), signed by
// `issuer`, or by itself when `issuer` is null.
KeyAndCertificate make_server_certificate(const std::string& subject_alt_names,
                                          const KeyAndCertificate* issuer);
// Writes `certificate` as PEM; REQUIREs success.
void write_pem(const X509& certificate, const std::filesystem::path& path);
// Writes `key` as an unencrypted PKCS#8 PEM (for a TLS server outside this process); REQUIREs
// success.
void write_key_pem(const EVP_PKEY& key, const std::filesystem::path& path);

} // namespace waconsole::testing
