document.title = 'Reguleringsplan';
