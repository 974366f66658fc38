#!/usr/bin/python3
"""Writes the numbering plan shared/phone_plan.cpp compiles in, read from Debian's
python3-phonenumbers (libphonenumber's metadata) at build time, so the plan is as current as the
distribution and nothing is copied into our sources.

    gen_phone_plan.py OUTPUT.inc

Output: one line per country calling code with the lengths its national numbers may have (the
union over the regions that share the code), and the +1 area codes that are not the United
States' (Canada found by probing, the Caribbean by their leading digits).
"""
import sys

import phonenumbers
from phonenumbers import PhoneMetadata

# US territories have their own region in libphonenumber, but their numbers are US numbers.
US_TERRITORIES = {"AS", "GU", "MP", "PR", "VI"}
# Subscriber numbers tried after an area code to find which region the area code belongs to.
SAMPLES = ("2345678", "5550100", "2125550", "4567890", "7654321", "3456789", "8675309")


def national_lengths(code):
    """Lengths of subscriber numbers (fixed line and mobile; not short codes or local-only
    dialling), the union over the regions that share the code."""
    lengths = set()
    for region in phonenumbers.COUNTRY_CODE_TO_REGION_CODE[code]:
        if region == "001":
            metadata = PhoneMetadata.metadata_for_nongeo_region(code)
        else:
            metadata = PhoneMetadata.metadata_for_region(region)
        if metadata is None:
            continue
        found = set()
        for desc in (metadata.fixed_line, metadata.mobile):
            if desc is not None and desc.possible_length:
                found.update(l for l in desc.possible_length if l > 0)
        if not found and metadata.general_desc is not None:
            found.update(l for l in metadata.general_desc.possible_length if l > 0)
        lengths |= found
    return sorted(lengths)


def non_us_area_codes():
    codes = set()
    for region in phonenumbers.COUNTRY_CODE_TO_REGION_CODE[1]:
        if region == "US" or region in US_TERRITORIES:
            continue
        leading = PhoneMetadata.metadata_for_region(region).leading_digits
        if leading:
            for prefix in leading.split("|"):
                # Patterns are like 268, 658|876 or 8[024]9; a longer one (8001) names part of
                # an area code, not a whole one.
                codes.update(expand_area_pattern(prefix))
    for area in range(200, 1000):
        for sample in SAMPLES:
            number = phonenumbers.parse("+1%d%s" % (area, sample))
            if phonenumbers.is_valid_number(number):
                region = phonenumbers.region_code_for_number(number)
                if region != "US" and region not in US_TERRITORIES:
                    codes.add(area)
                break
    return sorted(codes)


def expand_area_pattern(pattern):
    prefixes = [""]
    i = 0
    while i < len(pattern):
        if pattern[i] == "[":
            end = pattern.index("]", i)
            choices = expand_class(pattern[i + 1:end])
            i = end + 1
        else:
            choices = [pattern[i]]
            i += 1
        prefixes = [p + c for p in prefixes for c in choices]
    return [int(p) for p in prefixes if len(p) == 3]


def expand_class(body):
    out = []
    i = 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            out.extend(str(d) for d in range(int(body[i]), int(body[i + 2]) + 1))
            i += 3
        else:
            out.append(body[i])
            i += 1
    return out


def main():
    rows = []
    for code in sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE):
        mask = 0
        for length in national_lengths(code):
            mask |= 1 << length
        if mask:
            region = phonenumbers.COUNTRY_CODE_TO_REGION_CODE[code][0]
            rows.append('{%d, 0x%xu, "%s"}' % (code, mask, region))
    areas = ", ".join(str(a) for a in non_us_area_codes())
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        out.write("// Generated at build time by scripts/gen_phone_plan.py from "
                  "python3-phonenumbers %s.\n" % phonenumbers.__version__)
        out.write("// Rows: {calling code, bit mask of national number lengths, main region}.\n")
        out.write("#define WACONSOLE_CALLING_CODES %s\n" % ", ".join(rows))
        out.write("#define WACONSOLE_NON_US_NANP_AREA_CODES %s\n" % areas)


if __name__ == "__main__":
    main()
