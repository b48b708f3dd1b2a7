// Every htmx request carries the CSRF token from the page's meta tags.
document.addEventListener('htmx:configRequest', (event) => {
	const header = document.querySelector('meta[name="csrf-header"]');
	const token = document.querySelector('meta[name="csrf-token"]');
	if (header && token) {
		event.detail.headers[header.content] = token.content;
	}
});
