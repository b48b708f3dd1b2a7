package dev.keysmith.device;

import java.util.UUID;

import org.springframework.web.multipart.MultipartFile;

/** Form objects of the device pages. */
final class DeviceForms {

	private DeviceForms() {
	}

	/** The create form; defaults are what a new device usually wants. */
	record CreateForm(String name, String keyType, Integer validityDays, String caId) {

		static CreateForm blank() {
			return new CreateForm("", "EC_P256", 365, "");
		}

		/** The CA chosen, or {@code null} for a self-signed certificate. */
		UUID ca() {
			if (this.caId == null || this.caId.isBlank()) {
				return null;
			}
			try {
				return UUID.fromString(this.caId.strip());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidDeviceRequestException("caId", "Choose a CA from the list, or none");
			}
		}

	}

	/** The import form: each of certificate and key may be pasted or uploaded. */
	record ImportForm(String name, String certificateText, MultipartFile certificateFile, String keyText,
			MultipartFile keyFile) {

		static ImportForm blank() {
			return new ImportForm("", "", null, "", null);
		}

	}

}
