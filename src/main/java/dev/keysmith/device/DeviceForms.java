package dev.keysmith.device;

import org.springframework.web.multipart.MultipartFile;

/** Form objects of the device pages. */
final class DeviceForms {

	private DeviceForms() {
	}

	/** The create form; defaults are what a new device usually wants. */
	record CreateForm(String name, String keyType, Integer validityDays) {

		static CreateForm blank() {
			return new CreateForm("", "EC_P256", 365);
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
