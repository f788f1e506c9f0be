#pragma once
// De-identification of what Lamina writes into the shared archive (DICOM PS3.15 Basic
// Application Level Confidentiality Profile, with the Retain Longitudinal Temporal Information
// with Modified Dates option): the patient becomes a pseudonym, dates move back by a number
// of days fixed by the pseudonym (so the slides of one case keep their intervals), times and
// every other identifying attribute are left out, UIDs are replaced by ones derived from the
// originals and the pseudonym (the slides of one study stay one study). The writers apply it;
// this file holds the choices they share (slides now, annotations next).
// Thread-safety: value type and pure functions.

#include <string>
#include <string_view>

namespace lamina {

struct DeidentificationOptions {
    bool enabled = false;
    std::string pseudonym; // the new PatientName and PatientID; empty: a random one
};

// "ANON-" and 10 random letters and digits.
std::string randomPseudonym();

// Days (1 to 3650) that dates move back for this pseudonym.
int dateShiftDays(std::string_view pseudonym);

// A DICOM date "YYYYMMDD" moved back `days`; "" for anything that is not a valid date.
std::string shiftDicomDate(std::string_view date, int days);

// A UID that replaces `original` (Study, Frame of Reference, ...) for this pseudonym.
std::string deidentifiedUid(std::string_view original, std::string_view pseudonym);

} // namespace lamina
