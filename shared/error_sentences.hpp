// What the UI says for an error of the API: one table from the error code to a sentence a person
// understands ("The email or password is not right."), so no screen words errors by itself. Codes
// whose server message is already the sentence to show (a validation's, a conflict's) keep it.
#pragma once

#include "shared/api_error.hpp"

#include <string>

namespace waconsole {

// `retry_at` is when a refused request may be tried again as the person's clock shows it ("14:32",
// from Retry-After), "" when the answer did not say.
std::string error_sentence(const ApiError& error, const std::string& retry_at = "");

} // namespace waconsole
