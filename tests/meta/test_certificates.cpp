// X509 building with OpenSSL 3.
#include "test_certificates.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

namespace waconsole::testing {
namespace {

Key new_key() {
    Key key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    REQUIRE(key);
    return key;
}

void add_extension(X509* certificate, X509* issuer, int nid, const std::string& value) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str());
    REQUIRE(extension);
    REQUIRE(X509_add_ext(certificate, extension, -1) == 1);
    X509_EXTENSION_free(extension);
}

// A certificate valid from an hour ago for a day, with `subject`'s name and key; the issuer's
// name is set by the caller before signing.
Certificate new_certificate(const std::string& common_name, EVP_PKEY* key, long serial) {
    Certificate certificate(X509_new());
    REQUIRE(certificate);
    REQUIRE(X509_set_version(certificate.get(), 2) == 1);
    ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), serial);
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 24 * 3600);
    REQUIRE(X509_set_pubkey(certificate.get(), key) == 1);
    X509_NAME* name = X509_get_subject_name(certificate.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                               0);
    return certificate;
}

} // namespace

KeyAndCertificate make_test_ca(const std::string& common_name) {
    KeyAndCertificate ca{new_key(), nullptr};
    ca.certificate = new_certificate(common_name, ca.key.get(), 1);
    X509* certificate = ca.certificate.get();
    REQUIRE(X509_set_issuer_name(certificate, X509_get_subject_name(certificate)) == 1);
    add_extension(certificate, certificate, NID_basic_constraints, "critical,CA:TRUE");
    add_extension(certificate, certificate, NID_key_usage, "critical,keyCertSign,cRLSign");
    add_extension(certificate, certificate, NID_subject_key_identifier, "hash");
    REQUIRE(X509_sign(certificate, ca.key.get(), EVP_sha256()) > 0);
    return ca;
}

KeyAndCertificate make_server_certificate(const std::string& subject_alt_names,
                                          const KeyAndCertificate* issuer) {
    static long serial = 100;
    KeyAndCertificate server{new_key(), nullptr};
    server.certificate = new_certificate("waconsole test server", server.key.get(), ++serial);
    X509* certificate = server.certificate.get();
    X509* signer = issuer ? issuer->certificate.get() : certificate;
    EVP_PKEY* signing_key = issuer ? issuer->key.get() : server.key.get();
    REQUIRE(X509_set_issuer_name(certificate, X509_get_subject_name(signer)) == 1);
    add_extension(certificate, signer, NID_basic_constraints, "critical,CA:FALSE");
    add_extension(certificate, signer, NID_ext_key_usage, "serverAuth");
    add_extension(certificate, signer, NID_subject_alt_name, subject_alt_names);
    REQUIRE(X509_sign(certificate, signing_key, EVP_sha256()) > 0);
    return server;
}

void write_pem(const X509& certificate, const std::filesystem::path& path) {
    FILE* file = std::fopen(path.c_str(), "w");
    REQUIRE(file);
    const int written = PEM_write_X509(file, const_cast<X509*>(&certificate));
    std::fclose(file);
    REQUIRE(written == 1);
}

void write_key_pem(const EVP_PKEY& key, const std::filesystem::path& path) {
    FILE* file = std::fopen(path.c_str(), "w");
    REQUIRE(file);
    const int written = PEM_write_PKCS8PrivateKey(file, const_cast<EVP_PKEY*>(&key), nullptr,
                                                  nullptr, 0, nullptr, nullptr);
    std::fclose(file);
    REQUIRE(written == 1);
}

} // namespace waconsole::testing
