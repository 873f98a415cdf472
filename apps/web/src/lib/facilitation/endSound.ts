/** A soft two-note chime (Web Audio, nothing downloaded) for the end of the timer. */
export function playEndSound(): void {
  const context = new AudioContext();
  const start = context.currentTime;
  [523.25, 659.25].forEach((frequency, i) => {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + i * 0.35);
    gain.gain.exponentialRampToValueAtTime(0.15, start + i * 0.35 + 0.05);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.35 + 0.6);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start + i * 0.35);
    oscillator.stop(start + i * 0.35 + 0.65);
  });
  setTimeout(() => void context.close(), 1500);
}
