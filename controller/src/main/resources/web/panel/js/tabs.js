// The screens, one at a time on a phone (the outline and loads stay beside them on a tablet).

export function createTabs(onShow) {
  const buttons = [...document.querySelectorAll('#tabs .tab')];
  function show(tab) {
    document.body.dataset.tab = tab;
    for (const b of buttons) b.classList.toggle('active', b.dataset.tab === tab);
    onShow(tab);
  }
  for (const b of buttons) b.addEventListener('click', () => show(b.dataset.tab));
  show(document.body.dataset.tab || 'hang');
  return { show };
}
