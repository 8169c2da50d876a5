// picker.js — the picker's Find without leaving the page (see
// src/registry/picker.h).  Without this script Find is a GET of the form's
// own page with the words, which comes back with the candidates; with it the
// same GET is made in the background and the candidates are put in place,
// so what else was typed in the form stays.  When the form has nothing to
// send yet (no submit button: the add-member form before its first Find)
// the whole form is taken from the answer.  Any failure: the page is asked
// as without JavaScript.
'use strict';
for (const find of document.querySelectorAll('form[id^="pick-"]:not([data-ready])')) {
	find.dataset.ready = '1';
	const name = find.id.slice(5);
	find.addEventListener('submit', async ev => {
		// (looked up each time: a whole form taken from an answer holds new ones)
		const field = document.getElementById('f-' + name), box = document.getElementById('q-' + name);
		const form = field && field.closest('form');
		if (!form || !box)
			return;
		ev.preventDefault();
		const url = new URL(find.action);
		url.hash = '';
		url.search = new URLSearchParams([[box.name, box.value]]).toString();
		try {
			const resp = await fetch(url, { credentials: 'same-origin' });
			if (!resp.ok)
				throw new Error(String(resp.status));
			const doc = new DOMParser().parseFromString(await resp.text(), 'text/html');
			const fresh = doc.getElementById(field.id);
			if (!fresh || !fresh.closest('form'))
				throw new Error('no picker in the answer');
			if (!form.querySelector('button[type=submit]')) {
				const whole = document.adoptNode(fresh.closest('form'));
				form.replaceWith(whole);
				(whole.querySelector('.pick-list input[type=radio]') || document.getElementById('q-' + name)).focus();
			} else {
				field.querySelector('.pick-list').replaceWith(document.adoptNode(fresh.querySelector('.pick-list')));
			}
		} catch (e) {
			find.submit();
		}
	});
}
