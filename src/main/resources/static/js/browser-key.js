// "In this browser" on the New device page: the browser makes an EC P-256 key pair with
// WebCrypto, Keysmith builds the to-be-signed part (TBS) of the self-signed certificate for
// the public key, the browser signs it, and Keysmith stores the certificate. The private
// key leaves this page only as the file the operator downloads: it is never sent.
(() => {
	// the r||s to DER conversion, where the browser test can check it against known encodings
	window.keysmithDer = { ecdsaRawToDer };
	const form = document.getElementById('create-device');
	const choice = document.getElementById('key-maker');
	if (!form || !choice || !(window.crypto && window.crypto.subtle)) {
		return; // no WebCrypto here (plain HTTP to another host): the option stays hidden
	}
	choice.hidden = false;
	const browserChosen = document.getElementById('key-maker-browser');
	const keyType = form.querySelector('select[name=keyType]');
	const button = document.getElementById('create-device-button');
	const errorBox = document.getElementById('browser-key-error');

	// the page as the choice wants it (also when the browser restored a checked choice)
	const showChoice = () => {
		if (browserChosen.checked) {
			keyType.value = 'EC_P256'; // the browser makes EC P-256 keys only
		}
		keyType.disabled = browserChosen.checked;
		document.getElementById('create-intro').hidden = browserChosen.checked;
		document.getElementById('browser-key-intro').hidden = !browserChosen.checked;
		button.textContent = browserChosen.checked ? 'Make the key in this browser' : 'Create device';
	};
	choice.addEventListener('change', showChoice);
	showChoice();

	form.addEventListener('submit', (event) => {
		if (!browserChosen.checked) {
			return; // Keysmith makes the key: the ordinary form post
		}
		event.preventDefault();
		button.disabled = true;
		button.setAttribute('aria-busy', 'true');
		errorBox.hidden = true;
		form.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
		createWithBrowserKey()
			.catch((error) => {
				errorBox.textContent = error.message;
				errorBox.hidden = false;
				// the input the refusal names, when it is one of the form's
				if (error.field && form.elements[error.field]) {
					form.elements[error.field].setAttribute('aria-invalid', 'true');
				}
			})
			.finally(() => {
				button.disabled = false;
				button.removeAttribute('aria-busy');
			});
	});

	async function createWithBrowserKey() {
		const name = form.elements.name.value;
		const validityDays = Number(form.elements.validityDays.value);
		const keyPair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true,
			['sign', 'verify']);
		const spki = await crypto.subtle.exportKey('spki', keyPair.publicKey);
		// 1. the public key goes to Keysmith, which answers the TBS to sign
		const started = await postJson(form.dataset.browserKeyUrl,
			{ name, validityDays, publicKey: toBase64(spki) });
		// 2. signed here; WebCrypto gives r||s, X.509 wants DER SEQUENCE { INTEGER r, INTEGER s }
		const raw = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keyPair.privateKey,
			fromBase64(started.tbs));
		const device = await postJson(form.dataset.browserKeyUrl + '/' + encodeURIComponent(started.requestId),
			{ signature: toBase64(ecdsaRawToDer(new Uint8Array(raw))) });
		// 3. the key, as PKCS#8 PEM, only ever into a file of the operator's
		const pkcs8 = await crypto.subtle.exportKey('pkcs8', keyPair.privateKey);
		const deviceUrl = form.dataset.devicesUrl + '/' + device.id;
		const certificate = await fetch(deviceUrl + '/cert.pem', { credentials: 'same-origin' });
		if (!certificate.ok) {
			throw new Error('The device was created, but its certificate did not download: open the device page');
		}
		showResult(device, toPem('PRIVATE KEY', pkcs8), await certificate.text(), deviceUrl);
	}

	function showResult(device, keyPem, certificatePem, deviceUrl) {
		const file = device.name.replace(/[^A-Za-z0-9._-]/g, '_');
		offer(document.getElementById('download-key'), keyPem, file + '.key.pem');
		offer(document.getElementById('download-cert'), certificatePem, file + '.cert.pem');
		document.getElementById('browser-key-device').textContent = device.name;
		document.getElementById('browser-key-device-link').href = deviceUrl;
		form.hidden = true;
		document.getElementById('browser-key-intro').hidden = true;
		document.getElementById('browser-key-result').hidden = false;
	}

	function offer(link, text, filename) {
		link.href = URL.createObjectURL(new Blob([text], { type: 'application/x-pem-file' }));
		link.download = filename;
	}

	// JSON to Keysmith with the page's CSRF token; a refusal becomes an Error with Keysmith's words and field
	async function postJson(url, body) {
		const headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
		const csrfHeader = document.querySelector('meta[name="csrf-header"]');
		const csrfToken = document.querySelector('meta[name="csrf-token"]');
		if (csrfHeader && csrfToken) {
			headers[csrfHeader.content] = csrfToken.content;
		}
		const response = await fetch(url, {
			method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin', redirect: 'error'
		}).catch(() => {
			throw new Error('Keysmith did not answer (signed out, or the network is down): reload the page');
		});
		const answer = await response.json().catch(() => ({}));
		if (!response.ok) {
			const refusal = new Error(answer.detail || 'Keysmith refused the request (HTTP ' + response.status + ')');
			refusal.field = answer.field;
			throw refusal;
		}
		return answer;
	}

	// r||s (32 bytes each) to DER: each an INTEGER without leading zeros, 0x00 before a high bit
	function ecdsaRawToDer(raw) {
		const integer = (bytes) => {
			let start = 0;
			while (start < bytes.length - 1 && bytes[start] === 0) {
				start++;
			}
			const body = bytes.slice(start);
			return body[0] & 0x80 ? [0x02, body.length + 1, 0x00, ...body] : [0x02, body.length, ...body];
		};
		const half = raw.length / 2;
		const content = [...integer(raw.slice(0, half)), ...integer(raw.slice(half))];
		return new Uint8Array([0x30, content.length, ...content]); // at most 70 bytes: short length form
	}

	function toBase64(buffer) {
		return btoa(String.fromCharCode(...new Uint8Array(buffer)));
	}

	function fromBase64(text) {
		return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
	}

	function toPem(label, buffer) {
		const lines = toBase64(buffer).match(/.{1,64}/g).join('\n');
		return '-----BEGIN ' + label + '-----\n' + lines + '\n-----END ' + label + '-----\n';
	}
})();
