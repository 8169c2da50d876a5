// attendance.js — a session's attendance list (src/activities/attend.c)
// when the signal comes and goes.  Each tap is shown at once and put in a
// queue kept in localStorage (per session) with an id of its own; the queue
// is sent in order, one mark at a time, whenever the link allows (at once,
// when the browser says it is online again, and every few seconds).  A
// mark leaves the queue only when the server has answered it, and the
// server keeps one row per session and person however often a mark comes,
// so a mark sent twice (an answer lost on the way) is still one mark.
// Without this script each button is a plain form.
'use strict';
(() => {
	const list = document.getElementById('attend');
	if (!list)
		return;
	const key = 'daam.marks.' + list.dataset.session;
	const count = document.getElementById('attend-count');
	const note = document.getElementById('attend-queue');
	let sending = false;

	const load = () => {
		try {
			return JSON.parse(localStorage.getItem(key) || '[]');
		} catch (e) {
			return [];
		}
	};
	const save = q => {
		try {
			localStorage.setItem(key, JSON.stringify(q));
		} catch (e) { /* private mode: the queue lives as long as the page */ }
	};
	const newId = () => (self.crypto && crypto.randomUUID) ? crypto.randomUUID()
		: Date.now().toString(36) + Math.random().toString(36).slice(2);

	// the row as present (or not): its class, its button and what the next tap sends
	const show = (li, present) => {
		li.classList.toggle('here', present);
		const b = li.querySelector('button');
		b.setAttribute('aria-pressed', present ? 'true' : 'false');
		b.querySelector('.state').textContent = present ? b.dataset.on : b.dataset.off;
		li.querySelector('input[name="present"]').value = present ? '0' : '1';
	};
	const status = () => {
		const n = load().length;
		if (n) {
			note.hidden = false;
			note.textContent = note.dataset.waiting + n;
			note.dataset.state = 'waiting';
		} else if (!note.hidden && note.dataset.state !== 'sent') {
			note.textContent = note.dataset.sent;
			note.dataset.state = 'sent';
		}
	};

	async function flush() {
		if (sending)
			return;
		sending = true;
		try {
			for (;;) {
				const q = load();
				if (!q.length)
					break;
				const m = q[0];
				const body = new URLSearchParams({ csrf: m.csrf, person: m.person, present: m.present,
					mark: m.id, js: '1' });
				let resp;
				try {
					resp = await fetch(m.action, { method: 'POST', body, credentials: 'same-origin',
						redirect: 'manual' });
				} catch (e) {
					break;   // no link: later
				}
				if (resp.ok) {
					const j = await resp.json().catch(() => null);
					if (j && typeof j.count === 'number')
						count.textContent = count.dataset.label + ' ' + j.count;
				} else if (resp.status !== 400 && resp.status !== 404) {
					// signed out (a redirect to the sign-in page), or the server busy: keep it
					if (resp.type === 'opaqueredirect' || resp.status === 403) {
						note.hidden = false;
						note.textContent = note.dataset.login;
						note.dataset.state = 'login';
					}
					break;
				}
				// answered (or refused for good): out of the queue, by its id
				save(load().filter(x => x.id !== m.id));
			}
		} finally {
			sending = false;
			if (note.dataset.state !== 'login')
				status();
		}
	}

	// marks still waiting from before the page was loaded again
	for (const m of load()) {
		const li = document.getElementById('p' + m.person);
		if (li)
			show(li, m.present === '1');
	}
	list.addEventListener('submit', ev => {
		const form = ev.target.closest('form.mark');
		if (!form)
			return;
		ev.preventDefault();
		const li = form.closest('li');
		const present = form.elements.present.value;
		const q = load();
		q.push({ id: newId(), action: form.action, csrf: form.elements.csrf.value,
			person: form.elements.person.value, present });
		save(q);
		show(li, present === '1');
		note.dataset.state = '';
		status();
		flush();
	});
	self.addEventListener('online', flush);
	setInterval(flush, 5000);
	status();
	flush();
})();
