#pragma once
// `lamina-cli archive send SLIDE|FOLDER URL [dicomize options]`
// Sends a slide to a DICOMweb archive (STOW-RS; URL is the service root, e.g.
// http://127.0.0.1:8042/dicom-web). A FOLDER of .dcm files is sent as it is; a slide is first
// written as a DICOM series (the dicomize options apply) into a folder that is kept until the
// archive holds every instance, so running the same command again after a failure sends only
// what the archive lacks. Credentials: LAMINA_DICOMWEB_TOKEN, or LAMINA_DICOMWEB_USER and
// LAMINA_DICOMWEB_PASSWORD.

#include "CliCommand.h"
#include "DicomizeArguments.h"

#include <lamina/slide/dicomweb/DicomWebUpload.h>

namespace lamina::cli {

class ArchiveSendCommand : public CliCommand {
public:
    CLI::App* configure(CLI::App& app) override;
    int run() override;

private:
    void printSent(const DicomWebUploadResult& sent, double seconds) const;

    std::string source_, url_, staging_;
    DicomizeArguments arguments_;
};

} // namespace lamina::cli
